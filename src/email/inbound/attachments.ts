/**
 * Which attachments of an inbound email are kept. Pure: uploading happens in store.ts.
 *
 * A file over a limit is skipped, and the stored message records it (name and why) rather than the
 * whole email being refused: the sender's words still arrive, and both sides see which file is
 * missing and that it should be shared as a link. Signature logos and tracking pixels are
 * skipped silently: small images shown inline (referenced by cid: from the HTML, or marked inline),
 * and any image of a few hundred bytes. A large inline image is kept: the message body is plain
 * text, so a pasted screenshot would otherwise be lost.
 */
import type { SkippedFile } from "../../conversations/types";
import type { ParsedEmail } from "./parse";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;
const MAX_INLINE_IMAGE_BYTES = 64 * 1024;
const MAX_PIXEL_BYTES = 1024;
const MAX_FILENAME_CHARS = 120;
const MAX_SKIPPED_LISTED = 250;

export interface KeptFile {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface AttachmentSelection {
  kept: KeptFile[];
  /** Files not kept, and why; they go on the message as data, not into its text. */
  skipped: SkippedFile[];
}

type Attachment = ParsedEmail["attachments"][number];

export function selectAttachments(email: ParsedEmail): AttachmentSelection {
  const kept: KeptFile[] = [];
  const skipped: SkippedFile[] = [];
  let total = 0;
  for (const part of email.attachments) {
    const content = bytesOf(part.content);
    if (content.byteLength === 0 || isDecoration(part, content.byteLength, email.html ?? "")) continue;
    const filename = safeFilename(part.filename, part.mimeType);
    const reason =
      kept.length >= MAX_FILES ? "too_many" : content.byteLength > MAX_FILE_BYTES ? "too_large" : total + content.byteLength > MAX_TOTAL_BYTES ? "total_too_large" : null;
    if (reason) {
      // Bounded: an email with thousands of parts still makes a message of bounded size.
      if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ filename, reason });
      continue;
    }
    total += content.byteLength;
    kept.push({ filename, contentType: safeContentType(part.mimeType), content });
  }
  return { kept, skipped };
}

function isDecoration(part: Attachment, size: number, html: string): boolean {
  if (!/^image\//i.test(part.mimeType)) return false;
  if (size <= MAX_PIXEL_BYTES) return true;
  const cid = part.contentId?.replace(/^<|>$/g, "");
  const shownInline = part.disposition === "inline" || part.related === true || (cid !== undefined && html.includes(`cid:${cid}`));
  return shownInline && size <= MAX_INLINE_IMAGE_BYTES;
}

/** A name safe to store and to put in Content-Disposition: no path, no control or bidi characters, bounded. */
export function safeFilename(name: string | null | undefined, mimeType = ""): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\t\r\n]+/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const fallback = `attachment${/^image\/(png|jpeg|gif|webp)$/i.test(mimeType) ? `.${mimeType.split("/")[1]!.toLowerCase()}` : ""}`;
  const chars = Array.from(cleaned || fallback);
  if (chars.length <= MAX_FILENAME_CHARS) return chars.join("");
  // Keep the extension: it is what tells the downloader's OS how to open the file.
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return (
    chars
      .slice(0, MAX_FILENAME_CHARS - Array.from(extension).length)
      .join("")
      .trimEnd() + extension
  );
}

/** The declared type if it looks like one, else a neutral binary type; downloads decide separately what is safe. */
export function safeContentType(mimeType: string): string {
  const type = mimeType.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9.+-]{0,63}\/[a-z0-9][a-z0-9.+-]{0,126}$/.test(type) ? type : "application/octet-stream";
}

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
