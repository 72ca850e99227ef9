/** The text a person wrote in an email: the text part, else the HTML as text; quoted history cut. Pure. */
import { extractReply, extractReplyFromHtml, htmlToText } from "../reply";
import type { ParsedEmail } from "./parse";

export interface EmailText {
  /** What the sender wrote, without quoted history, attribution and signature. */
  body: string;
  /** The whole text before stripping, so admins can show what was cut. */
  original: string;
}

/** The original is kept for reading, not as an archive (the raw MIME is in R2); a cap keeps the D1 row small. */
const MAX_ORIGINAL_CHARS = 100_000;

export function emailText(email: ParsedEmail): EmailText {
  // Some clients send an empty text/plain next to the real HTML; only a text part with content wins.
  if (email.text?.trim()) return { body: extractReply(email.text).reply.trim(), original: cap(email.text) };
  if (email.html?.trim()) return { body: extractReplyFromHtml(email.html).reply.trim(), original: cap(htmlToText(email.html)) };
  return { body: "", original: "" };
}

function cap(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  return normalized.length > MAX_ORIGINAL_CHARS ? `${normalized.slice(0, MAX_ORIGINAL_CHARS)}…` : normalized;
}
