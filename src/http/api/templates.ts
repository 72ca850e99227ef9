import { Hono } from "hono";
import { z } from "zod";
import { checkPlaceholders } from "../../conversations/placeholders";
import { database } from "../../db/client";
import { deleteTemplate, insertTemplate, listTemplates, updateTemplate } from "../../db/templates";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, messageBody, templateName as name, valid } from "../validation";

const notFound = "This template does not exist.";

/** The company's message templates (CONTRACT.md "Templates"); placeholders are checked when saved. */
export const templatesApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", async (c) => c.json({ templates: await listTemplates(database(c.env.DB), currentAdmin(c).companyId) }))
  .post("/", valid("json", z.object({ name, body: messageBody })), async (c) => {
    const input = c.req.valid("json");
    checkPlaceholders(input.body);
    const template = await insertTemplate(database(c.env.DB), currentAdmin(c).companyId, input, Date.now());
    return c.json({ template }, 201);
  })
  .patch("/:id", valid("param", idParam), valid("json", z.object({ name: name.optional(), body: messageBody.optional() })), async (c) => {
    const input = c.req.valid("json");
    if (input.body !== undefined) checkPlaceholders(input.body);
    const template = await updateTemplate(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("param").id, input, Date.now());
    return template ? c.json({ template }) : jsonError(c, 404, "not_found", notFound);
  })
  .delete("/:id", valid("param", idParam), async (c) => {
    const deleted = await deleteTemplate(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("param").id);
    return deleted ? c.body(null, 204) : jsonError(c, 404, "not_found", notFound);
  });
