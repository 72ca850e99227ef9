/**
 * Builds the raw MIME of an outgoing email (text + HTML alternative, UTF-8) with mimetext.
 *
 * Imported from "mimetext/browser" on purpose: the default ("node") build takes its line ending
 * from node:os, which is a bare "\n" in workerd, while RFC 5322 wants CRLF; the browser build
 * always writes CRLF. Mailbox must come from the same build, because mimetext checks Reply-To
 * with `instanceof`.
 */
import { createMimeMessage, Mailbox, type HeaderField } from "mimetext/browser";

export interface OutgoingMail {
  from: { name?: string; addr: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers such as Auto-Submitted; names and values are checked, never trusted. */
  headers?: Record<string, string>;
  /** Usually left out: the platform assigns its own Message-ID on send and reports it back. */
  messageId?: string;
}

const CRLF = "\r\n";
const encoder = new TextEncoder();

export function composeMime(mail: OutgoingMail): string {
  const msg = createMimeMessage();
  msg.setSender(mail.from.name ? { name: mail.from.name, addr: mail.from.addr } : { addr: mail.from.addr });
  msg.setTo({ addr: mail.to });
  if (mail.replyTo) msg.setHeader("Reply-To", new Mailbox({ addr: mail.replyTo }));
  msg.setSubject(mail.subject);
  foldEncodedHeaders(msg.headers.fields);
  if (mail.messageId) msg.setHeader("Message-ID", oneLine(mail.messageId));
  if (mail.inReplyTo) msg.setHeader("In-Reply-To", oneLine(mail.inReplyTo));
  if (mail.references?.length) msg.setHeader("References", mail.references.map(oneLine).join(`${CRLF} `));
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`invalid header name: ${name}`);
    msg.setHeader(name, oneLine(value));
  }
  // mimetext writes bodies as given; Czech text is not 7-bit, so we encode it ourselves.
  msg.addMessage({ contentType: "text/plain", charset: "UTF-8", encoding: "base64", data: base64Body(mail.text) });
  msg.addMessage({ contentType: "text/html", charset: "UTF-8", encoding: "base64", data: base64Body(mail.html) });
  return msg.asRaw();
}

/** The domain of an address, lower-cased ("" if there is none). */
export function mailDomain(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .slice(at + 1)
        .replace(/>.*$/, "")
        .trim()
        .toLowerCase();
}

/** The bare address of "Name <addr>" or "addr", lower-cased. */
export function bareAddress(address: string): string {
  const angle = /<([^>]*)>/.exec(address);
  return (angle?.[1] ?? address).trim().toLowerCase();
}

/** `"Name" <addr>` as stored in outbox.from_address; the name loses what would make the pair ambiguous to parse. */
export function formatMailbox(name: string, addr: string): string {
  return `"${name.replace(/["\\<>\r\n]/g, "").trim()}" <${addr}>`;
}

/** Splits "Name <addr>" (or a bare address) into what OutgoingMail.from takes. */
export function parseMailbox(address: string): { name?: string; addr: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(address);
  if (!match) return { addr: address.trim() };
  const name = match[1]?.trim();
  return name ? { name, addr: match[2]!.trim() } : { addr: match[2]!.trim() };
}

/** Header values are one line: a CR or LF from data would let it inject headers. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

function base64Body(text: string): string {
  const bytes = encoder.encode(text.replace(/\r?\n/g, CRLF)); // MIME text is CRLF-canonical
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? []).join(CRLF);
}

/**
 * mimetext writes the subject and the sender's name as one encoded word of any length; RFC 2047
 * caps a word at 75 characters, so long (typically Czech) ones are split into several words on
 * folded lines.
 */
function foldEncodedHeaders(fields: HeaderField[]): void {
  const fold = `${CRLF} `;
  for (const field of fields) {
    if (field.name === "Subject") {
      field.dump = (value) => (typeof value === "string" ? encodedWords(oneLine(value)).join(fold) : "");
    } else if (field.name === "From") {
      field.dump = (value) => (value instanceof Mailbox ? (value.name ? `${encodedWords(oneLine(value.name)).join(fold)}${fold}` : "") + `<${value.addr}>` : "");
    }
  }
}

function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    // 39 bytes → 52 base64 chars → a 64-char word, so "Subject: " + word stays under 78.
    if (chunk && bytes + size > 39) {
      words.push(encodedWord(chunk));
      chunk = "";
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  return chunk || words.length === 0 ? [...words, encodedWord(chunk)] : words;
}

/** Bytes of one code point in UTF-8 (a lone surrogate becomes U+FFFD, 3 bytes, as TextEncoder writes it). */
function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

function encodedWord(text: string): string {
  const binary = Array.from(encoder.encode(text), (byte) => String.fromCharCode(byte)).join("");
  return `=?UTF-8?B?${btoa(binary)}?=`;
}
