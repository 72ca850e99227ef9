import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import { WEBHOOK_EVENTS, type webhooks } from "../../db/schema";
import { companyWebhook, companyWebhooks, deleteWebhook, deliveriesOf, insertWebhook, setWebhookActive } from "../../db/webhooks";
import { newWebhookSecret } from "../../webhooks/signature";
import { webhookUrlProblem } from "../../webhooks/endpoint";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, valid } from "../validation";

const webhookInput = z.object({
  url: z.string().trim().max(2000, "url: at most 2,000 characters."),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `events: any of ${WEBHOOK_EVENTS.join(", ")}.` }))
    .min(1, "events: choose at least one.")
    .transform((events) => [...new Set(events)]),
});
const notFound = "This webhook does not exist.";

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function webhookView(w: typeof webhooks.$inferSelect) {
  return {
    id: w.id,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    createdAt: iso(w.createdAt),
    active: w.disabledAt === null,
    disabledAt: iso(w.disabledAt),
    consecutiveFailures: w.consecutiveFailures,
  };
}

/** The company's webhooks (CONTRACT.md "Integrations"): the secret is shown once, when made. */
export const webhooksApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", async (c) => c.json({ webhooks: (await companyWebhooks(database(c.env.DB), currentAdmin(c).companyId)).map(webhookView) }))
  .post("/", valid("json", webhookInput), async (c) => {
    const { url, events } = c.req.valid("json");
    const problem = webhookUrlProblem(url, c.env.ENVIRONMENT);
    if (problem) return jsonError(c, 400, "invalid_input", problem);
    const made = await insertWebhook(database(c.env.DB), { companyId: currentAdmin(c).companyId, url, events, secret: newWebhookSecret(), now: Date.now() });
    return c.json({ ...webhookView(made), secret: made.secret }, 201);
  })
  // {active:true} enables a disabled webhook again (its failure count starts over); {active:false} pauses it.
  .patch("/:id", valid("param", idParam), valid("json", z.object({ active: z.boolean({ error: "active: true or false." }).optional() })), async (c) => {
    const db = database(c.env.DB);
    const { companyId } = currentAdmin(c);
    const { id } = c.req.valid("param");
    const { active } = c.req.valid("json");
    const hook = active === undefined ? await companyWebhook(db, companyId, id) : await setWebhookActive(db, companyId, id, active, Date.now());
    if (!hook) return jsonError(c, 404, "not_found", notFound);
    return c.json(webhookView(hook));
  })
  .delete("/:id", valid("param", idParam), async (c) => {
    if (!(await deleteWebhook(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("param").id))) return jsonError(c, 404, "not_found", notFound);
    return c.body(null, 204);
  })
  .get("/:id/deliveries", valid("param", idParam), async (c) => {
    const db = database(c.env.DB);
    const hook = await companyWebhook(db, currentAdmin(c).companyId, c.req.valid("param").id);
    if (!hook) return jsonError(c, 404, "not_found", notFound);
    const rows = await deliveriesOf(db, hook.id);
    return c.json({
      deliveries: rows.map((d) => ({
        id: d.id,
        event: d.event,
        attempts: d.attempts,
        status: d.status,
        responseStatus: d.responseStatus,
        lastError: d.lastError,
        createdAt: iso(d.createdAt),
        nextAttemptAt: d.status === "pending" ? iso(d.nextAttemptAt) : null,
      })),
    });
  });
