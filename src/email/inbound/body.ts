/** The text a person wrote in an email: the text part, else the HTML as text; quoted history cut. Pure. */
import { extractReply, extractReplyFromHtml, flowedPlainText, htmlToText, isForwardSubject } from "../reply";
import type { ParsedEmail } from "./parse";

export interface EmailText {
  /** What the sender wrote, without quoted history, attribution and signature. */
  body: string;
  /** The whole text before stripping, so admins can show what was cut. */
  original: string;
}

/** The original is kept for reading, not as an archive (the raw MIME is in R2); a cap keeps the D1 row small. */
const MAX_ORIGINAL_CHARS = 100_000;

/** `raw`, the MIME source, lets a format=flowed text part be unfolded by quote depth (see reply/flowed.ts). */
export function emailText(email: ParsedEmail, raw?: Uint8Array): EmailText {
  const text = (raw && flowedPlainText(raw)) ?? email.text;
  const options = { forwarded: isForwardSubject(email.subject) };
  // Some clients send an empty text/plain next to the real HTML; only a text part with content wins.
  if (text?.trim()) return { body: ownWords(extractReply(text, options).reply), original: cap(text) };
  if (email.html?.trim()) return { body: ownWords(extractReplyFromHtml(email.html, options).reply), original: cap(htmlToText(email.html)) };
  return { body: "", original: "" };
}

/**
 * The extractor hands back the quote itself when nothing stands above it (so an unusual reply is never
 * lost); a reply of nothing but "> " lines has no words of the sender, though, and counts as empty.
 */
function ownWords(reply: string): string {
  const lines = reply.split("\n").filter((line) => line.trim() !== "");
  return lines.every((line) => /^\s*>/.test(line)) ? "" : reply.trim();
}

function cap(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  return normalized.length > MAX_ORIGINAL_CHARS ? `${normalized.slice(0, MAX_ORIGINAL_CHARS)}…` : normalized;
}
