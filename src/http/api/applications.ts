import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { committed } from "../commit";
import { z } from "zod";
import { addCandidate, setApplicationStatus } from "../../conversations/applications";
import { postMessage } from "../../conversations/post-message";
import { scheduleMessage, scheduledView, unscheduleMessage } from "../../conversations/scheduled";
import { pendingScheduled } from "../../db/scheduled-messages";
import { markReadByAdmin } from "../../conversations/read";
import { adminMessageBody } from "../../conversations/templates";
import { database } from "../../db/client";
import { companyScope, inboxPage } from "../../db/company-scope";
import { messagePageQuery, toViews } from "../../db/message-views";
import { insertOffer, offerViews, patchOffer } from "../../db/offers";
import { readAsSession } from "../../db/sessions";
import { invalidInput, jsonError } from "../errors";
import { requireAdmin, requireSignedAdmin } from "../middleware/session";
import { currentAdmin, currentSession, type AppContext } from "../types";
import { messageParts, partsOf } from "../uploads";
import { describesBody, email, freeText, id, idParam, messageBody, messageText, offerTitle, personName, sendAt, valid } from "../validation";
import { applicationView, inboxItemView } from "./views";

/** A message's text, or a template of the company's instead (placeholders are filled in either way). */
const messageInput = z.union([z.object({ body: messageBody }), z.object({ templateId: id })], { error: "Send either {body} or {templateId}." });
/** A message to send, now or at `sendAt`; with files its text may be empty. */
const sendInput = z.union([z.object({ body: messageText, sendAt: sendAt.optional() }), z.object({ templateId: id, sendAt: sendAt.optional() })], {
  error: "Send either {body} or {templateId}.",
});

const notificationEmails = z.array(email).min(1, "An offer needs at least one notification address.").max(20, "An offer may have at most 20 notification addresses.");
const offerInput = z.object({ title: offerTitle, description: freeText(10_000, "A description may have at most 10,000 characters.").optional(), notificationEmails });
const offerPatch = z.object({
  title: offerTitle.optional(),
  description: freeText(10_000, "A description may have at most 10,000 characters.").optional(),
  notificationEmails: notificationEmails.optional(),
  status: z.enum(["open", "closed"]).optional(),
});

const inboxQuery = z.object({
  offerId: id.optional(),
  status: z.enum(["active", "rejected"]).optional(),
  assignee: z.union([z.enum(["me", "none"]), id], { error: "assignee: me, none or an admin id." }).optional(),
  waitingOn: z.enum(["company", "candidate"], { error: "waitingOn: company or candidate." }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/, "cursor: use the nextCursor of the previous page.")
    .optional(),
});

/** Marks the reject route's optional body for the OpenAPI document; reading it stays in the handler. */
const rejectOptional = createMiddleware<AppContext>((_c, next) => next());

const signedOut = (c: Context<AppContext>) => jsonError(c, 401, "unauthenticated", "Sign in first.");

/**
 * The admin side of conversations; every lookup is scoped to the signed-in admin's company. The hot paths (the
 * inbox, a conversation's messages, posting one) check the session in their one D1 batch; the rest with
 * requireAdmin first.
 */
export const applicationsApi = new Hono<AppContext>()
  .use(requireSignedAdmin)
  .get("/offers", requireAdmin, async (c) => {
    return c.json({ offers: await offerViews(database(c.env.DB), currentAdmin(c).companyId) });
  })
  .post("/offers", requireAdmin, valid("json", offerInput), async (c) => {
    const { title, description = "", notificationEmails } = c.req.valid("json");
    const db = database(c.env.DB);
    const offerId = await insertOffer(db, currentAdmin(c).companyId, { title, description, notificationEmails }, Date.now());
    const [offer] = await offerViews(db, currentAdmin(c).companyId, offerId);
    return c.json({ offer }, 201);
  })
  .patch("/offers/:id", requireAdmin, valid("param", idParam), valid("json", offerPatch), async (c) => {
    const db = database(c.env.DB);
    const { companyId } = currentAdmin(c);
    if (!(await patchOffer(db, companyId, c.req.valid("param").id, c.req.valid("json")))) return jsonError(c, 404, "not_found", "This job offer does not exist.");
    const [offer] = await offerViews(db, companyId, c.req.valid("param").id);
    return c.json({ offer });
  })
  .post("/offers/:id/candidates", requireAdmin, valid("param", idParam), valid("json", z.object({ name: personName, email })), async (c) => {
    const applicationId = await committed(c, addCandidate(c.env, currentAdmin(c), c.req.valid("param").id, c.req.valid("json")));
    return c.json({ applicationId }, 201);
  })
  .get("/applications", valid("query", inboxQuery), async (c) => {
    const admin = currentAdmin(c);
    const scope = companyScope(database(c.env.DB), admin.companyId);
    const read = await readAsSession(database(c.env.DB), sessionOf(c), [scope.inboxQuery(admin.id, c.req.valid("query")), scope.offerTitlesQuery()]);
    if (!read) return signedOut(c);
    const [rows, offers] = read;
    const titles = new Map(offers.map((o) => [o.id, o.title]));
    const page = inboxPage(rows);
    return c.json({ applications: page.rows.map((r) => inboxItemView(r, titles)), nextCursor: page.nextCursor });
  })
  .get("/applications/:id", requireAdmin, valid("param", idParam), async (c) => {
    const app = await companyScope(database(c.env.DB), currentAdmin(c).companyId).application(c.req.valid("param").id);
    if (!app) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return c.json(applicationView(app));
  })
  .get("/applications/:id/messages", valid("param", idParam), valid("query", z.object({ after: z.coerce.number().int().min(0).optional() })), async (c) => {
    const db = database(c.env.DB);
    const { id: applicationId } = c.req.valid("param");
    const page = messagePageQuery(db, applicationId, { after: c.req.valid("query").after, forAdmin: true });
    const read = await readAsSession(db, sessionOf(c), [companyScope(db, currentAdmin(c).companyId).applicationQuery(applicationId), page]);
    if (!read) return signedOut(c);
    const [application, rows] = read;
    if (application.length === 0) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return c.json({ messages: toViews(rows) });
  })
  .post("/applications/:id/messages", valid("param", idParam), messageParts(sendInput), async (c) => {
    // One batch asserts the session and that the conversation is the admin's company's (else 401 / 404); a template
    // or placeholders read their values first.
    const applicationId = c.req.valid("param").id;
    const { fields, files } = partsOf(c, sendInput);
    const body = await adminMessageBody(c.env, currentAdmin(c), applicationId, fields);
    if (fields.sendAt !== undefined) {
      const scheduled = await committed(c, scheduleMessage(c.env, currentAdmin(c), applicationId, { body, files, sendAt: fields.sendAt }));
      return c.json({ scheduled }, 202);
    }
    const author = { kind: "admin" as const, adminId: currentAdmin(c).id, session: currentSession(c).tokenHash };
    const message = await committed(c, postMessage(c.env, { applicationId, author, channel: "web", body, files }));
    return c.json({ message }, 201);
  })
  .get("/applications/:id/scheduled", requireAdmin, valid("param", idParam), async (c) => {
    const { companyId } = currentAdmin(c);
    const applicationId = c.req.valid("param").id;
    const db = database(c.env.DB);
    if (!(await companyScope(db, companyId).application(applicationId))) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return c.json({ scheduled: (await pendingScheduled(db, companyId, applicationId)).map(scheduledView) });
  })
  .delete("/scheduled/:id", requireAdmin, valid("param", idParam), async (c) => {
    await unscheduleMessage(c.env, currentAdmin(c), c.req.valid("param").id);
    return c.body(null, 204);
  })
  // The body is optional, so it is read by hand; its schema is still the one the document shows.
  .post("/applications/:id/reject", requireAdmin, valid("param", idParam), describesBody(rejectOptional, messageInput), async (c) => {
    // Optional: a message to the candidate ({body} or {templateId}), emailed, then the application is closed.
    const raw: unknown = c.req.header("Content-Type")?.includes("application/json") ? await c.req.json().catch(() => null) : {};
    const withMessage = typeof raw === "object" && raw !== null && ("body" in raw || "templateId" in raw);
    const parsed = withMessage ? messageInput.safeParse(raw) : null;
    if (raw === null || (parsed && !parsed.success)) return invalidInput(parsed?.error?.issues ?? [], c);
    const applicationId = c.req.valid("param").id;
    const message = parsed?.data ? await adminMessageBody(c.env, currentAdmin(c), applicationId, parsed.data) : undefined;
    await committed(c, setApplicationStatus(c.env, currentAdmin(c), applicationId, "rejected", message));
    return c.json({ status: "rejected" });
  })
  .post("/applications/:id/reopen", requireAdmin, valid("param", idParam), async (c) => {
    await committed(c, setApplicationStatus(c.env, currentAdmin(c), c.req.valid("param").id, "active"));
    return c.json({ status: "active" });
  })
  .post("/applications/:id/read", requireAdmin, valid("param", idParam), async (c) => {
    if (!(await committed(c, markReadByAdmin(c.env, currentAdmin(c), c.req.valid("param").id)))) {
      return jsonError(c, 404, "not_found", "This conversation does not exist.");
    }
    return c.body(null, 204);
  });

function sessionOf(c: Context<AppContext>) {
  return { tokenHash: currentSession(c).tokenHash, adminId: currentAdmin(c).id };
}
