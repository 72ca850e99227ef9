import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import type { webhooks } from "../../db/schema";
import { companyWebhook, companyWebhooks, deleteWebhook, deliveriesOf } from "../../db/webhooks";
import { createWebhook, setWebhookOn, WEBHOOK_URL_PROBLEMS } from "../../webhooks/endpoint";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, valid, webhookFields } from "../validation";

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
  .post("/", valid("json", webhookFields), async (c) => {
    const made = await createWebhook(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("json"), c.env.ENVIRONMENT);
    if (!made.ok) return jsonError(c, 400, "invalid_input", WEBHOOK_URL_PROBLEMS[made.problem]);
    return c.json({ ...webhookView(made.webhook), secret: made.webhook.secret }, 201);
  })
  // {active:true} enables a disabled webhook again (its failure count starts over); {active:false} pauses it.
  .patch("/:id", valid("param", idParam), valid("json", z.object({ active: z.boolean({ error: "active: true or false." }).optional() })), async (c) => {
    const db = database(c.env.DB);
    const { companyId } = currentAdmin(c);
    const { id } = c.req.valid("param");
    const { active } = c.req.valid("json");
    const hook = active === undefined ? await companyWebhook(db, companyId, id) : await setWebhookOn(c.env, db, companyId, id, active);
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
