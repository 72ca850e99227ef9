// format=flowed (RFC 3676). postal-mime unfolds it without looking at quote depth, so
// Thunderbird's "> Hi " followed by the reply "Hello" comes out as one quoted line. Here the
// text/plain part is read from the raw MIME and unfolded per depth. Pure and synchronous.

/** Unfolds flowed text: a line ending in a space continues on the next line of the same quote depth. */
export function decodeFlowed(text: string, delSp: boolean): string {
  const out: string[] = [];
  let open: { depth: number; text: string } | null = null; // the paragraph still being unfolded
  for (const raw of text.split(/\r?\n/)) {
    const depth = /^>*/.exec(raw)?.[0].length ?? 0;
    let content = raw.slice(depth);
    if (content.startsWith(" ")) content = content.slice(1); // space-stuffing (and the space after ">")
    // The signature separator "-- " starts its own line even below a flowed line (RFC 3676 4.3).
    if (open && open.depth === depth && content !== "-- ") open.text += content;
    else {
      if (open) out.push(render(open.depth, open.text));
      open = { depth, text: content };
    }
    // The signature separator "-- " is never flowed; any other line ending in a space is.
    if (content.endsWith(" ") && content !== "-- ") {
      if (delSp) open.text = open.text.slice(0, -1);
    } else {
      out.push(render(depth, open.text));
      open = null;
    }
  }
  if (open) out.push(render(open.depth, open.text));
  return out.join("\n");
}

function render(depth: number, text: string): string {
  return depth > 0 ? `${">".repeat(depth)} ${text}` : text;
}

interface Part {
  headers: Map<string, string>;
  body: string; // one char per byte ("binary string")
}

/**
 * The unfolded text of the message's text/plain part when it is format=flowed, else undefined.
 * Only the simple, common shape is handled: exactly one text/plain part and no embedded
 * message; anything else is left to postal-mime's text.
 */
export function flowedPlainText(raw: Uint8Array): string | undefined {
  // Most mail is not flowed: a look at the bytes spares copying the whole message (attachments too) into a string.
  if (!mentionsFlowed(raw)) return undefined;
  const binary = bytesToBinary(raw);
  if (!/format\s*=\s*"?flowed/i.test(binary)) return undefined;
  const plain: Part[] = [];
  if (!collectPlainParts(parsePart(binary), plain, 0) || plain.length !== 1) return undefined;
  const part = plain[0] as Part;
  const type = part.headers.get("content-type") ?? "";
  if (!/^flowed$/i.test(param(type, "format") ?? "")) return undefined;
  const bytes = decodeTransfer(part.body, part.headers.get("content-transfer-encoding") ?? "");
  let text: string;
  try {
    text = new TextDecoder(param(type, "charset") ?? "utf-8").decode(bytes);
  } catch {
    return undefined; // an unknown charset: postal-mime has its own fallbacks
  }
  return decodeFlowed(text, /^yes$/i.test(param(type, "delsp") ?? ""));
}

/** Walks multiparts; false when the message holds something we don't unfold ourselves. */
function collectPlainParts(part: Part, plain: Part[], depth: number): boolean {
  const header = part.headers.get("content-type") ?? "text/plain";
  const type = header.toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = param(header, "boundary");
    if (!boundary || depth > 10) return false;
    return splitMultipart(part.body, boundary).every((child) => collectPlainParts(child, plain, depth + 1));
  }
  if (type.startsWith("message/")) return false;
  const attachment = /^\s*attachment/i.test(part.headers.get("content-disposition") ?? "");
  if (type.startsWith("text/plain") && !attachment) plain.push(part);
  return true;
}

function parsePart(source: string): Part {
  const split = /\r?\n\r?\n/.exec(source);
  const head = split ? source.slice(0, split.index) : source;
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: split ? source.slice(split.index + split[0].length) : "" };
}

function splitMultipart(body: string, boundary: string): Part[] {
  const parts: Part[] = [];
  const delimiter = `--${boundary}`;
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(parsePart(current.join("\r\n")));
      if (line.slice(delimiter.length).startsWith("--")) return parts;
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(parsePart(current.join("\r\n")));
  return parts;
}

/** A Content-Type parameter, as written (a boundary is case-sensitive). */
function param(header: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i");
  const m = re.exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeTransfer(body: string, encoding: string): Uint8Array {
  const cte = encoding.trim().toLowerCase();
  let binary = body;
  if (cte === "base64") {
    const clean = body.replace(/[^A-Za-z0-9+/]/g, "");
    binary = atob(clean.length % 4 === 1 ? clean.slice(0, -1) : clean);
  } else if (cte === "quoted-printable") {
    // "=" at a line end is a soft break; the spaces before it are content (a flowed line's space).
    binary = body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0) & 0xff);
}

const FLOWED = [...new TextEncoder().encode("flowed")];

/** Whether the bytes contain "flowed" in any case (ASCII letters only: `| 0x20` lower-cases them). */
function mentionsFlowed(bytes: Uint8Array): boolean {
  const last = bytes.length - FLOWED.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < FLOWED.length; j++) if ((bytes[i + j]! | 0x20) !== FLOWED[j]) continue outer;
    return true;
  }
  return false;
}

function bytesToBinary(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}
