import { Hono } from "hono";
import { z } from "zod";
import { addCandidate, setApplicationStatus } from "../../conversations/applications";
import { postMessage } from "../../conversations/post-message";
import { markReadByAdmin } from "../../conversations/read";
import { database } from "../../db/client";
import { companyScope } from "../../db/company-scope";
import { listMessageViews } from "../../db/message-views";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { email, id, idParam, messageBody, personName, valid } from "../validation";
import { inboxItemView } from "./views";

const inboxQuery = z.object({
  offerId: id.optional(),
  status: z.enum(["active", "rejected"]).optional(),
  cursor: z.string().regex(/^\d{1,15}\.\d{1,15}$/, "cursor: use the nextCursor of the previous page.").optional(),
});

/** The admin side of conversations; every lookup is scoped to the signed-in admin's company. */
export const applicationsApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/offers", async (c) => {
    const offers = await companyScope(database(c.env.DB), currentAdmin(c).companyId).offers();
    return c.json({ offers: offers.map((o) => ({ id: o.id, title: o.title, notificationEmails: o.notificationEmails })) });
  })
  .post("/offers/:id/candidates", valid("param", idParam), valid("json", z.object({ name: personName, email })), async (c) => {
    const applicationId = await addCandidate(c.env, currentAdmin(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ applicationId }, 201);
  })
  .get("/applications", valid("query", inboxQuery), async (c) => {
    const admin = currentAdmin(c);
    const scope = companyScope(database(c.env.DB), admin.companyId);
    const [page, offers] = await Promise.all([scope.inbox(admin.id, c.req.valid("query")), scope.offers()]);
    const titles = new Map(offers.map((o) => [o.id, o.title]));
    return c.json({ applications: page.rows.map((r) => inboxItemView(r, titles)), nextCursor: page.nextCursor });
  })
  .get("/applications/:id", valid("param", idParam), async (c) => {
    const app = await companyScope(database(c.env.DB), currentAdmin(c).companyId).application(c.req.valid("param").id);
    if (!app) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return c.json({ id: app.id, status: app.status, source: app.source, candidate: { name: app.candidate.name, email: app.candidate.email }, offer: app.offer });
  })
  .get("/applications/:id/messages", valid("param", idParam), valid("query", z.object({ after: z.coerce.number().int().min(0).optional() })), async (c) => {
    const db = database(c.env.DB);
    const { id: applicationId } = c.req.valid("param");
    if (!(await companyScope(db, currentAdmin(c).companyId).application(applicationId))) {
      return jsonError(c, 404, "not_found", "This conversation does not exist.");
    }
    const messages = await listMessageViews(db, applicationId, { after: c.req.valid("query").after, forAdmin: true });
    return c.json({ messages });
  })
  .post("/applications/:id/messages", valid("param", idParam), valid("json", z.object({ body: messageBody })), async (c) => {
    // postMessage answers not_found (404) when the admin is not of this application's company.
    const author = { kind: "admin" as const, adminId: currentAdmin(c).id };
    const posted = await postMessage(c.env, { applicationId: c.req.valid("param").id, author, channel: "web", body: c.req.valid("json").body });
    return c.json({ message: posted.message }, 201);
  })
  .post("/applications/:id/reject", valid("param", idParam), async (c) => {
    await setApplicationStatus(c.env, currentAdmin(c), c.req.valid("param").id, "rejected");
    return c.json({ status: "rejected" });
  })
  .post("/applications/:id/reopen", valid("param", idParam), async (c) => {
    await setApplicationStatus(c.env, currentAdmin(c), c.req.valid("param").id, "active");
    return c.json({ status: "active" });
  })
  .post("/applications/:id/read", valid("param", idParam), async (c) => {
    if (!(await markReadByAdmin(c.env, currentAdmin(c), c.req.valid("param").id))) {
      return jsonError(c, 404, "not_found", "This conversation does not exist.");
    }
    return c.body(null, 204);
  });
