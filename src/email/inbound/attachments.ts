/**
 * Which attachments of an inbound email are kept. Pure: postMessage stores them.
 *
 * A file over a limit is skipped, and the stored message records it (name and why) rather than the
 * whole email being refused: the sender's words still arrive, and both sides see which file is
 * missing and that it should be shared as a link. Signature logos and tracking pixels are
 * skipped silently: small images shown inline (referenced by cid: from the HTML, or marked inline),
 * and any image of a few hundred bytes. A large inline image is kept: the message body is plain
 * text, so a pasted screenshot would otherwise be lost.
 */
import { safeContentType, safeFilename, type IncomingFile } from "../../conversations/files";
import type { SkippedFile } from "../../conversations/types";
import type { ParsedEmail } from "./parse";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;
const MAX_INLINE_IMAGE_BYTES = 64 * 1024;
const MAX_PIXEL_BYTES = 1024;
const MAX_SKIPPED_LISTED = 250;

export interface AttachmentSelection {
  kept: IncomingFile[];
  /** Files not kept, and why; they go on the message as data, not into its text. */
  skipped: SkippedFile[];
}

type Attachment = ParsedEmail["attachments"][number];

export function selectAttachments(email: ParsedEmail): AttachmentSelection {
  const kept: IncomingFile[] = [];
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

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
