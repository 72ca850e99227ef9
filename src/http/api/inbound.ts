import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import { companyInbound, inboundRawKey } from "../../db/inbound-log";
import { contentDisposition } from "../attachments";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, valid } from "../validation";

/**
 * Every email received for the company's conversations, refused ones included, with what became of it: the
 * answer to "did my reply arrive?" And the raw MIME of each, as it came (kept in R2 before anything was decided).
 */
export const inboundApi = new Hono<AppContext>()
  .use(requireAdmin)
  .get("/", valid("query", z.object({ cursor: z.coerce.number({ error: "cursor: use the nextCursor of the previous page." }).int().positive().optional() })), async (c) => {
    const page = await companyInbound(database(c.env.DB), currentAdmin(c).companyId, c.req.valid("query").cursor);
    return c.json({
      emails: page.rows.map((r) => ({
        id: r.id,
        receivedAt: new Date(r.receivedAt).toISOString(),
        from: r.fromAddress ?? r.envelopeFrom,
        subject: r.subject,
        outcome: r.outcome,
        applicationId: r.applicationId,
        messageId: r.storedMessageId,
      })),
      nextCursor: page.nextCursor,
    });
  })
  .get("/:id/raw", valid("param", idParam), async (c) => {
    const id = c.req.valid("param").id;
    const key = await inboundRawKey(database(c.env.DB), currentAdmin(c).companyId, id);
    const object = key ? await c.env.FILES.get(key) : null;
    if (!object) return jsonError(c, 404, "not_found", "This email does not exist or its source is no longer kept.");
    return c.body(object.body, 200, {
      "Content-Type": "message/rfc822",
      "Content-Length": String(object.size),
      "Content-Disposition": contentDisposition(`email-${id}.eml`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });
