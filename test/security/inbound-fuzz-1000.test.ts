// 1,000 mutated raw emails through the Worker's email() handler (seeded, so a failure can be replayed with
// its number): truncation, byte flips, header lines dropped or duplicated, corrupted MIME boundaries,
// charset and transfer-encoding garbage, huge header lines, NUL bytes, invalid base64 and quoted-printable,
// broken encoded words. No exception escapes, none ends in the "error" outcome (the handler's temporary
// failure), every one gets its inbound_log row, and a refused email stores nothing: every new message row
// is one an accepted email's log names, every attachment row belongs to such a message, and R2 holds no
// attachment object without its row.
import { count, gt, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { attachments, inboundLog, messages } from "../../src/db/schema";
import { OUTCOMES, type Outcome } from "../../src/email/inbound/outcomes";
import { conversation, db, deliver, fill, fixture } from "../email/inbound-support";
import { demoWorld } from "../support/http";
import { mimeWithAttachment, r2Keys } from "./support";
import { seededRandom } from "../support/random";

const EMAILS = 1_000;
const SEED = 0x5ec0_2026;
/** Emails handed to the handler at once (the handler is per-email; this only overlaps I/O waits). */
const BATCH = 10;

type Rnd = () => number;
const pick = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const oneOf = <T>(rnd: Rnd, items: readonly T[]): T => items[pick(rnd, items.length)]!;
const enc = (s: string) => new TextEncoder().encode(s);
// latin1 keeps every byte as one char, so byte-level edits survive the round trip.
function bytesToText(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}
function textToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function headerEnd(lines: string[]): number {
  const i = lines.indexOf("");
  return i < 0 ? lines.length : i;
}

/** Each mutation takes and returns the raw message as a latin1 string (one char per byte). */
const MUTATIONS: Record<string, (raw: string, rnd: Rnd) => string> = {
  truncate: (raw, rnd) => raw.slice(0, pick(rnd, raw.length)),
  flipBytes: (raw, rnd) => {
    const bytes = textToBytes(raw);
    for (let i = 0, n = 1 + pick(rnd, 200); i < n; i++) bytes[pick(rnd, bytes.length)] = pick(rnd, 256);
    return bytesToText(bytes);
  },
  dropHeader: (raw, rnd) => {
    const lines = raw.split("\r\n");
    for (let i = 0, n = 1 + pick(rnd, 3); i < n; i++) lines.splice(pick(rnd, headerEnd(lines)), 1);
    return lines.join("\r\n");
  },
  duplicateHeader: (raw, rnd) => {
    const lines = raw.split("\r\n");
    const at = pick(rnd, headerEnd(lines));
    lines.splice(at, 0, ...Array(1 + pick(rnd, 5)).fill(lines[at]!));
    return lines.join("\r\n");
  },
  corruptBoundary: (raw, rnd) => {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
    if (!boundary) return raw.replace(/^Content-Type: [^\r\n]*/im, `Content-Type: multipart/mixed; boundary="${"-".repeat(pick(rnd, 80))}"`);
    const broken = oneOf(rnd, ["", boundary.slice(0, -1), `${boundary}x`, boundary.replace(/./, "\0"), "-".repeat(1 + pick(rnd, 5)), boundary.repeat(50)]);
    // Either the declaration, every delimiter, or a random one of them.
    const where = pick(rnd, 3);
    if (where === 0) return raw.replace(/boundary="?[^";\r\n]+"?/i, `boundary="${broken}"`);
    if (where === 1) return raw.split(`--${boundary}`).join(`--${broken}`);
    const parts = raw.split(`--${boundary}`);
    const at = 1 + pick(rnd, Math.max(1, parts.length - 1));
    return parts.map((p, i) => (i === at ? `--${broken}${p}` : i === 0 ? p : `--${boundary}${p}`)).join("");
  },
  charsetGarbage: (raw, rnd) => {
    const charset = oneOf(rnd, ["utf-99", "x-\xff\xfe", "", "windows-9999", "utf-16", "utf-7", "iso-2022-jp", "\0", 'utf-8"; charset="latin1', "a".repeat(3000)]);
    const cte = oneOf(rnd, ["base65", "quoted-printable", "base64", "8bit", "binary", "x-uuencode", "", "7bit\0"]);
    let out = raw.replace(/charset="?[^";\r\n]*"?/gi, () => (rnd() < 0.7 ? `charset="${charset}"` : "charset="));
    out = out.replace(/^Content-Transfer-Encoding: [^\r\n]*/gim, () => (rnd() < 0.5 ? `Content-Transfer-Encoding: ${cte}` : "Content-Transfer-Encoding:"));
    return out;
  },
  hugeHeader: (raw, rnd) => {
    const size = 1_000 + pick(rnd, 200_000);
    const line = oneOf(rnd, [
      `X-Huge: ${"A".repeat(size)}`,
      `Subject: ${"Ř".repeat(size / 2)}`,
      `References: ${Array.from({ length: size / 40 }, (_, i) => `<ref-${i}@example.net>`).join(" ")}`,
      `To: ${Array.from({ length: size / 30 }, (_, i) => `someone${i}@example.net`).join(", ")}`,
      `X-Folded: ${"word ".repeat(size / 5).replace(/(.{70})/g, "$1\r\n ")}`,
    ]);
    return bytesToText(enc(`${line}\r\n`)) + raw;
  },
  nulBytes: (raw, rnd) => {
    let out = raw;
    for (let i = 0, n = 1 + pick(rnd, 50); i < n; i++) {
      const at = pick(rnd, out.length + 1);
      out = out.slice(0, at) + "\0".repeat(1 + pick(rnd, 20)) + out.slice(at);
    }
    return out;
  },
  invalidBase64: (raw, rnd) => {
    // Body lines that look like base64 get characters outside the alphabet, lost padding or cut quads.
    return raw.replace(/^[A-Za-z0-9+/]{20,}={0,2}$/gm, (line) => {
      const kind = pick(rnd, 4);
      if (kind === 0) return line.replace(/./g, (c) => (rnd() < 0.1 ? oneOf(rnd, ["!", "@", "#", "\xff", " ", "=", "-", "_"]) : c));
      if (kind === 1) return line.slice(0, 1 + pick(rnd, line.length - 1));
      if (kind === 2) return `${line}====`;
      return `=${line}`;
    });
  },
  invalidQuotedPrintable: (raw, rnd) => {
    const withQp = raw.replace(/^Content-Transfer-Encoding: [^\r\n]*/gim, "Content-Transfer-Encoding: quoted-printable");
    return withQp.replace(/\r\n\r\n([\s\S]{0,2000})/, (whole, body: string) => {
      let out = "";
      for (const ch of body) out += rnd() < 0.05 ? oneOf(rnd, ["=ZZ", "=", "=\r\n", "=4", "=\xff\xff", "==", "=0D=0A"]) + ch : ch;
      return `\r\n\r\n${out}=`;
    });
  },
  encodedWordGarbage: (raw, rnd) => {
    const word = oneOf(rnd, ["=?utf-8?B?!!!!?=", "=?x-unknown?Q?=FF=FE=00?=", "=?utf-8?Q?", "=?=?=?", "=?utf-8?B?" + "QUFB".repeat(5000) + "?=", "=?utf-8*cs?q?=C5=98?="]);
    const header = oneOf(rnd, ["Subject", "From", "To"]);
    return raw.replace(new RegExp(`^${header}: ([^\\r\\n]*)`, "im"), (_, value: string) => `${header}: ${word} ${value}`);
  },
};
const KINDS = Object.keys(MUTATIONS);

function mutate(source: string, rnd: Rnd): { kinds: string[]; bytes: Uint8Array } {
  // Two to four mutations on top of each other: a single one mostly leaves a storable email, and stored ones are
  // the slowest to handle (~4x a refusal), so stacking keeps the run short while still reaching every stage.
  const kinds = Array.from({ length: 2 + pick(rnd, 3) }, () => oneOf(rnd, KINDS));
  let raw = bytesToText(enc(source));
  for (const kind of kinds) raw = MUTATIONS[kind]!(raw, rnd);
  return { kinds, bytes: textToBytes(raw) };
}

let sources: { name: string; raw: string; to: string }[];
beforeAll(async () => {
  const world = await demoWorld();
  const email = "fuzz1000@example.net";
  const chat = await conversation(world, email);
  const candidate = (name: string) => ({ name, raw: fill(fixture(name), { from: `Lukáš <${email}>`, to: chat.candidateAddress }), to: chat.candidateAddress });
  sources = [
    ...["gmail-cs", "attachment-cv-cs", "outlook-cs", "owa-html-only-cs", "wlm-cp1250-cs", "seznam-cs"].map(candidate),
    {
      name: "pdf-attachment",
      raw: mimeWithAttachment({ from: email, to: chat.candidateAddress, msgId: "<x@example.net>", body: "Posílám CV.", filename: "cv.pdf" }),
      to: chat.candidateAddress,
    },
    { name: "company-reply", raw: fill(fixture("plain-reply"), { from: "jobs@acme.example", to: chat.companyAddress, body: "Dobrý den, potvrzujeme." }), to: chat.companyAddress },
  ];
});

it(`${EMAILS} mutated emails: nothing escapes, every one is logged, a refused one stores nothing`, { timeout: 300_000 }, async () => {
  const rnd = seededRandom(SEED);
  const started = Date.now();
  const maxBefore = (await db.select({ id: messages.id }).from(messages).orderBy(messages.id)).at(-1)?.id ?? 0;
  const logsBefore = (await db.select({ n: count() }).from(inboundLog))[0]!.n;
  const outcomes = new Map<string, number>();
  const stored = new Set<number>();
  const kindsSeen = new Set<string>();

  for (let start = 0; start < EMAILS; start += BATCH) {
    // Mutations are drawn in order before the batch runs, so the sequence does not depend on timing.
    const batch = Array.from({ length: Math.min(BATCH, EMAILS - start) }, (_, k) => {
      const i = start + k;
      const source = sources[i % sources.length]!;
      const { kinds, bytes } = mutate(source.raw.replace(/^Message-ID: .*$/im, `Message-ID: <fuzz1000-${i}@example.net>`), rnd);
      kinds.forEach((kind) => kindsSeen.add(kind));
      // A unique envelope sender names the email's log row (the From header, not the envelope, is what is checked).
      return { i, source, kinds, bytes, envelopeFrom: `bounce-${i}@fuzz.example` };
    });
    const received = await Promise.all(
      batch.map((e) =>
        deliver(e.bytes, { from: e.envelopeFrom, to: e.source.to }).catch((error: unknown) => {
          throw new Error(`email ${e.i} (${e.source.name}, ${e.kinds}) threw: ${String(error)}`);
        }),
      ),
    );
    const logged = await db
      .select()
      .from(inboundLog)
      .where(
        inArray(
          inboundLog.envelopeFrom,
          batch.map((e) => e.envelopeFrom),
        ),
      );
    for (const [k, e] of batch.entries()) {
      const label = `email ${e.i} (${e.source.name}, ${e.kinds.join("+")})`;
      const rows = logged.filter((r) => r.envelopeFrom === e.envelopeFrom);
      expect(rows, `${label}: exactly one inbound_log row`).toHaveLength(1);
      const row = rows[0]!;
      expect(Object.keys(OUTCOMES), label).toContain(row.outcome);
      expect(row.outcome, `${label}: ${row.reason}`).not.toBe("error");
      const refused = OUTCOMES[row.outcome as Outcome].action === "reject";
      expect(received[k]!.rejected !== null, `${label}: rejected at SMTP iff its outcome refuses (${row.outcome})`).toBe(refused);
      if (row.outcome === "stored") {
        expect(row.storedMessageId, label).not.toBeNull();
        stored.add(row.storedMessageId!);
      } else {
        expect(row.storedMessageId, `${label}: ${row.outcome} names no message`).toBeNull();
      }
      outcomes.set(row.outcome, (outcomes.get(row.outcome) ?? 0) + 1);
    }
  }

  // Every email logged, and only those.
  expect((await db.select({ n: count() }).from(inboundLog))[0]!.n).toBe(logsBefore + EMAILS);
  // Nothing stored but what an accepted email's log names.
  const newMessages = await db.select({ id: messages.id }).from(messages).where(gt(messages.id, maxBefore));
  expect(newMessages.map((m) => m.id).sort((x, y) => x - y)).toEqual([...stored].sort((x, y) => x - y));
  const files = await db.select().from(attachments);
  for (const file of files.filter((f) => f.messageId > maxBefore)) expect(stored.has(file.messageId), `attachment ${file.id} of message ${file.messageId}`).toBe(true);
  // R2 holds exactly the attachments that have rows: a refused email left no file behind.
  expect(await r2Keys("attachments/")).toEqual(files.map((f) => f.r2Key).sort());

  // The mutations reached every stage: some stored (some with their files), some refused.
  expect(outcomes.get("stored") ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(50);
  expect(files.some((f) => f.messageId > maxBefore)).toBe(true);
  expect(outcomes.get("unparseable") ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(0);
  expect([...kindsSeen].sort()).toEqual([...KINDS].sort());
  console.info(`fuzz: ${EMAILS} emails in ${Date.now() - started} ms`, Object.fromEntries(outcomes));
});
