import { Hono } from "hono";
import { z } from "zod";
import { bulkAction } from "../../conversations/bulk";
import { searchApplications } from "../../conversations/search";
import { assignApplication, postNote } from "../../conversations/team";
import { database } from "../../db/client";
import { companyScope } from "../../db/company-scope";
import { committed } from "../commit";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, currentSession, type AppContext } from "../types";
import { bulkFields, id, idParam, messageBody, valid } from "../validation";
import { applicationView } from "./views";

const noteInput = z.object({ body: messageBody, mentions: z.array(id).max(50, "Mention at most 50 admins.").optional() });
const assignInput = z.object({ assigneeId: id.nullable() });
const searchQuery = z.object({
  q: z.string().trim().min(1, "Type something to search for.").max(200, "A search may have at most 200 characters."),
});

/** The team's work on conversations: notes, owners, many at once, and search. Admins only, own company only. */
export const teamApi = new Hono<AppContext>()
  .post("/applications/bulk", requireAdmin, valid("json", bulkFields), async (c) => {
    const admin = { ...currentAdmin(c), session: currentSession(c).tokenHash };
    // Emails go to their scheduler rather than out within this request: hundreds of them would hold the answer.
    return c.json(await committed(c, bulkAction(c.env, admin, c.req.valid("json")), { emails: "scheduled" }));
  })
  .post("/applications/:id/notes", requireAdmin, valid("param", idParam), valid("json", noteInput), async (c) => {
    const admin = { ...currentAdmin(c), session: currentSession(c).tokenHash };
    const message = await committed(c, postNote(c.env, admin, c.req.valid("param").id, c.req.valid("json")));
    return c.json({ message }, 201);
  })
  .patch("/applications/:id", requireAdmin, valid("param", idParam), valid("json", assignInput), async (c) => {
    const applicationId = c.req.valid("param").id;
    await committed(c, assignApplication(c.env, currentAdmin(c), applicationId, c.req.valid("json").assigneeId));
    const app = await companyScope(database(c.env.DB), currentAdmin(c).companyId).application(applicationId);
    if (!app) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return c.json(applicationView(app));
  })
  .get("/search", requireAdmin, valid("query", searchQuery), async (c) => {
    return c.json({ results: await searchApplications(c.env, currentAdmin(c).companyId, c.req.valid("query").q) });
  });
