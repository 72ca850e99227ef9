import { Hono, type Context } from "hono";
import { z } from "zod";
import { candidateAccess } from "../conversations/candidate-access";
import { companyScope } from "../db/company-scope";
import { database } from "../db/client";
import { attachmentById, type Attachment } from "../db/attachments";
import { jsonError } from "./errors";
import { requireAdminPage } from "./middleware/session";
import { currentAdmin, type AppContext } from "./types";
import { id, valid } from "./validation";

/**
 * Inbound files are whatever a stranger's mail client attached, so they are only ever downloaded:
 * types a browser would render or run (HTML, SVG, XML, scripts) go out as octet-stream, every
 * response forbids sniffing, and the app's CSP (no inline script) covers a browser that shows it anyway.
 */
const INLINE_SAFE_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "application/zip",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
]);

export const attachmentRoutes = new Hono<AppContext>()
  .get("/admin/attachments/:id", requireAdminPage, valid("param", z.object({ id })), async (c) => {
    const db = database(c.env.DB);
    const file = await attachmentById(db, c.req.valid("param").id);
    // Scoped through the company helper: another company's file is simply not found.
    const visible = file && (await companyScope(db, currentAdmin(c).companyId).application(file.applicationId));
    return visible ? download(c, file) : notFound(c);
  })
  .get("/c/:token/attachments/:id", valid("param", z.object({ token: z.string().max(100), id })), async (c) => {
    const { token, id: attachmentId } = c.req.valid("param");
    const access = await candidateAccess(c.env, token);
    const file = access ? await attachmentById(database(c.env.DB), attachmentId) : null;
    return file && file.applicationId === access?.applicationId ? download(c, file) : notFound(c);
  });

async function download(c: Context<AppContext>, file: Attachment): Promise<Response> {
  const object = await c.env.FILES.get(file.r2Key);
  if (!object) return notFound(c);
  const type = INLINE_SAFE_TYPES.has(file.contentType) ? file.contentType : "application/octet-stream";
  return c.body(object.body, 200, {
    "Content-Type": type === "text/plain" ? "text/plain; charset=utf-8" : type,
    "Content-Length": String(object.size),
    "Content-Disposition": contentDisposition(file.filename),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  });
}

/** RFC 6266: an ASCII fallback for old clients, the real name as RFC 5987 UTF-8. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii || "attachment"}"; filename*=UTF-8''${encoded}`;
}

const notFound = (c: Context<AppContext>) => jsonError(c, 404, "not_found", "There is nothing at this address.");
