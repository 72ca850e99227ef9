import { Hono } from "hono";
import { eraseCandidate } from "../../conversations/erasure";
import { exportForAdmin, type Export } from "../../conversations/export";
import { database } from "../../db/client";
import { erasureRequestsOf } from "../../db/erasure-requests";
import { contentDisposition } from "../attachments";
import { committed } from "../commit";
import { requireAdmin } from "../middleware/session";
import { currentAdmin, type AppContext } from "../types";
import { idParam, valid } from "../validation";

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
    return c.json({ requests: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), resolvedAt: iso(r.resolvedAt) })) });
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
