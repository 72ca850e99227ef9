/**
 * "Answer as the recipient" in the development mailbox: a reply as a real mail client would write
 * it (typed text on top, Gmail-style attribution, the original quoted with "> "), fed to the same
 * email handler Email Routing calls, so the dev mailbox exercises the whole inbound pipeline.
 */
import type { InboundMessage } from "../../email/inbound/handler";

export interface ReplyDraft {
  from: string;
  /** The email's Reply-To: the routing address. */
  to: string;
  subject: string;
  /** Message-ID of the email answered (null if it was never sent). */
  inReplyTo: string | null;
  references: string | null;
  original: { from: string; date: Date; text: string };
  answer: string;
  date: Date;
}

const CRLF = "\r\n";

export function replyMime(draft: ReplyDraft): string {
  const quoted = draft.original.text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"));
  const text = [draft.answer.replace(/\r\n?/g, "\n").trim(), "", `On ${rfcDate(draft.original.date)}, ${draft.original.from} wrote:`, "", ...quoted].join("\n");
  const references = [...(draft.references?.split(/\s+/).filter(Boolean) ?? []), draft.inReplyTo].filter((id): id is string => !!id);
  const headers = [
    `From: ${oneLine(draft.from)}`,
    `To: ${oneLine(draft.to)}`,
    `Subject: ${encodedWord(/^re:/i.test(draft.subject) ? draft.subject : `Re: ${draft.subject}`)}`,
    `Date: ${rfcDate(draft.date)}`,
    `Message-ID: <${crypto.randomUUID()}@dev-mailbox.invalid>`,
    ...(draft.inReplyTo ? [`In-Reply-To: ${oneLine(draft.inReplyTo)}`] : []),
    ...(references.length ? [`References: ${references.map(oneLine).join(`${CRLF} `)}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
  ];
  return `${headers.join(CRLF)}${CRLF}${CRLF}${base64Lines(text.replace(/\n/g, CRLF))}${CRLF}`;
}

/** What Email Routing would hand the Worker for this raw message; setReject records its reason. */
export function devInboundMessage(from: string, to: string, raw: string): InboundMessage & { rejectedWith: string | null } {
  const bytes = new TextEncoder().encode(raw);
  const message = {
    from,
    to,
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.byteLength,
    rejectedWith: null as string | null,
    setReject(reason: string) {
      message.rejectedWith = reason;
    },
  };
  return message;
}

/** "Thu, 26 Nov 2026 10:02:00 +0000" (RFC 5322 date-time). */
function rfcDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/** RFC 2047 for non-ASCII subjects, split so no encoded word passes 75 characters. */
function encodedWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = "";
  for (const ch of Array.from(oneLine(text))) {
    if (new TextEncoder().encode(chunk + ch).byteLength > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(new TextEncoder().encode(w))}?=`).join(`${CRLF} `);
}

function base64Lines(text: string): string {
  return (base64(new TextEncoder().encode(text)).match(/.{1,76}/g) ?? []).join(CRLF);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
