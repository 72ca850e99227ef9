import { Hono } from "hono";
import { z } from "zod";
import { renewLink } from "../../conversations/applications";
import { eraseCandidate } from "../../conversations/erasure";
import { declineErasure, MAX_DECLINE_REASON } from "../../conversations/erasure-requests";
import { exportForAdmin, type Export } from "../../conversations/export";
import { database } from "../../db/client";
import { erasureRequestsOf } from "../../db/erasure-requests";
import { contentDisposition } from "../attachments";
import { committed } from "../commit";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { freeText, idParam, valid } from "../validation";

const declineInput = z.object({
  reason: freeText(MAX_DECLINE_REASON, `A reason may have at most ${MAX_DECLINE_REASON} characters.`).refine((s) => s.trim() !== "", "Say why: the candidate is sent the reason."),
});

/**
 * The company's side of personal data (CONTRACT.md "Personal data"): a candidate's export, their erasure, and the
 * erasure requests candidates sent. Each route has its own guard: mounted on /api, a router-wide one would cover
 * every /api path.
 */
export const personalDataApi = new Hono<AppContext>()
  .get("/applications/:id/export", requireAdmin, valid("param", idParam), async (c) => {
    return exportResponse(await exportForAdmin(c.env, currentAdmin(c).companyId, c.req.valid("param").id));
  })
  .post("/applications/:id/erase", requireAdmin, valid("param", idParam), async (c) => {
    return c.json({ erased: await committed(c, eraseCandidate(c.env, currentAdmin(c), c.req.valid("param").id)) });
  })
  .get("/erasure-requests", requireAdmin, async (c) => {
    const rows = await erasureRequestsOf(database(c.env.DB), currentAdmin(c).companyId);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json({ requests: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), confirmedAt: iso(r.confirmedAt), resolvedAt: iso(r.resolvedAt) })) });
  })
  .post("/applications/:id/erasure-request/decline", requireAdmin, valid("param", idParam), valid("json", declineInput), async (c) => {
    await committed(c, declineErasure(c.env, currentAdmin(c), c.req.valid("param").id, c.req.valid("json").reason));
    return c.json({ status: "declined" });
  })
  // A leaked or forwarded conversation link: the old one stops working and the candidate is emailed the new one.
  .post("/applications/:id/new-link", requireAdmin, valid("param", idParam), async (c) => {
    return c.json(await committed(c, renewLink(c.env, currentAdmin(c), c.req.valid("param").id)));
  });

/** A download: JSON, streamed, saved under its file name. */
export function exportResponse(file: Export): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
