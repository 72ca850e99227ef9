import { Hono } from "hono";
import { z } from "zod";
import { issueApiToken } from "../../accounts/api-tokens";
import { database } from "../../db/client";
import { companyApiTokens, deleteApiToken } from "../../db/api-tokens";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { apiTokenName, idParam, valid } from "../validation";

/** API tokens of the company: made by an admin (and acting as them), shown once, revocable by any admin. */
export const tokensApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", async (c) => {
    const rows = await companyApiTokens(database(c.env.DB), currentAdmin(c).companyId);
    return c.json({
      tokens: rows.map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString(), lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString() })),
    });
  })
  .post("/", valid("json", z.object({ name: apiTokenName })), async (c) => {
    const made = await issueApiToken(database(c.env.DB), currentAdmin(c), c.req.valid("json").name);
    return c.json({ id: made.id, name: made.name, token: made.token, createdAt: new Date(made.createdAt).toISOString() }, 201);
  })
  .delete("/:id", valid("param", idParam), async (c) => {
    if (!(await deleteApiToken(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("param").id))) return jsonError(c, 404, "not_found", "This token does not exist.");
    return c.body(null, 204);
  });
