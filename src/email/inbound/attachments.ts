/**
 * Which attachments of an inbound email are kept. Pure: postMessage stores them.
 *
 * A file over a limit is skipped, and the stored message records it (name and why) rather than the
 * whole email being refused: the sender's words still arrive, and both sides see which file is
 * missing and that it should be shared as a link.
 *
 * Images shown inline (cid:) are kept, a pasted screenshot or photo being part of what was said, unless they are
 * decoration: a signature's logo or icons (named or described so, icon-sized, or placed inside the signature), an
 * image of the quoted history, or a tracking pixel.
 */
import { safeContentType, safeFilename, type IncomingFile } from "../../conversations/files";
import type { SkippedFile } from "../../conversations/types";
import type { ParsedEmail } from "./parse";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;
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
  const dims = imageSize(bytesOf(part.content));
  if (dims ? dims.width * dims.height <= 4 : size <= MAX_PIXEL_BYTES) return true; // a tracking pixel
  const cid = part.contentId?.replace(/^<|>$/g, "");
  const at = cid ? html.indexOf(`cid:${cid}`) : -1;
  const shownInline = part.disposition === "inline" || part.related === true || at >= 0;
  if (!shownInline) return false;
  const tag = at >= 0 ? html.slice(html.lastIndexOf("<", at), html.indexOf(">", at) + 1) : "";
  const alt = /\balt\s*=\s*["']([^"']*)/i.exec(tag)?.[1] ?? "";
  if (LOGO_WORDS.test(`${part.filename ?? ""} ${cid ?? ""} ${alt}`)) return true;
  if (dims && dims.width <= ICON_PX && dims.height <= ICON_PX) return true;
  // Inside the signature or the quoted history: everything of the HTML before the image says where it stands.
  return at >= 0 && SIGNATURE_OR_QUOTE.test(html.slice(0, at));
}

const ICON_PX = 48;
const LOGO_WORDS = /(logo|signature|podpis|banner|icon|ikona|facebook|linkedin|twitter|instagram|youtube|(^|[^a-z])sig([^a-z]|$))/i;
const SIGNATURE_OR_QUOTE =
  /<blockquote|class\s*=\s*["'][^"']*(gmail_signature|gmail_quote|signature|moz-signature|OutlookMessageHeader)|id\s*=\s*["'](Signature|divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)|(^|<br\s*\/?>|\n)--\s*(<br|\n)/i;

/** Width and height from a PNG, GIF or JPEG header; null when the bytes are none of these (or cut short). */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length >= 10 && view.getUint32(0) === 0x47494638) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (bytes.length >= 4 && view.getUint16(0) === 0xffd8) {
    // Walk the JPEG segments to the first start-of-frame marker.
    for (let i = 2; i + 9 < bytes.length; ) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      i += 2 + view.getUint16(i + 2);
    }
  }
  return null;
}

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
