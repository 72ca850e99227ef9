// Bad input never crashes the handler: 200 mutations of real messages (truncated, bytes flipped,
// header lines dropped or duplicated), each ends with exactly one inbound_log row and a known outcome.
import { count } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { inboundLog } from "../../src/db/schema";
import { OUTCOMES } from "../../src/email/inbound/outcomes";
import { demoWorld } from "../support/http";
import { conversation, db, deliver, fill, fixture } from "./inbound-support";
import { seededRandom } from "../support/random";

const MUTATIONS = 200;

function mutate(source: string, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  const kind = pick(4);
  if (kind === 0) return new TextEncoder().encode(source).slice(0, pick(source.length)); // truncated
  if (kind === 1) {
    const bytes = new TextEncoder().encode(source);
    for (let i = 0, flips = 1 + pick(40); i < flips; i++) bytes[pick(bytes.length)] = pick(256);
    return bytes;
  }
  const lines = source.split("\r\n");
  const headerEnd = Math.max(1, lines.indexOf(""));
  const at = pick(headerEnd);
  if (kind === 2)
    lines.splice(at, 1); // a header line dropped
  else lines.splice(at, 0, lines[at]!); // a header line duplicated
  return new TextEncoder().encode(lines.join("\r\n"));
}

let sources: { raw: string; from: string; to: string }[];
beforeAll(async () => {
  const world = await demoWorld();
  const chat = await conversation(world, "fuzz@example.net");
  sources = ["gmail-cs", "attachment-cv-cs", "outlook-cs", "owa-html-only-cs"].map((name) => ({
    raw: fill(fixture(name), { from: "Lukáš <fuzz@example.net>", to: chat.candidateAddress }),
    from: "fuzz@example.net",
    to: chat.candidateAddress,
  }));
});

it(`survives ${MUTATIONS} mutated messages, logging every one`, { timeout: 120_000 }, async () => {
  const rnd = seededRandom(20261126);
  const outcomes = new Map<string, number>();
  const logged = async () => (await db.select({ n: count() }).from(inboundLog))[0]!.n;
  const before = await logged();
  for (let i = 0; i < MUTATIONS; i++) {
    const source = sources[i % sources.length]!;
    // A fresh Message-ID each time, so the duplicate check does not end most of them early.
    const raw = mutate(source.raw.replace(/^Message-ID: .*$/im, `Message-ID: <fuzz-${i}@example.net>`), rnd);
    const message = await deliver(raw, { from: source.from, to: source.to }).catch((error: unknown) => {
      throw new Error(`mutation ${i} threw: ${String(error)}`);
    });
    expect(await logged(), `mutation ${i}`).toBe(before + i + 1);
    const [row] = await db
      .select()
      .from(inboundLog)
      .orderBy(inboundLog.id)
      .limit(1)
      .offset(before + i);
    expect(Object.keys(OUTCOMES)).toContain(row!.outcome);
    expect(row!.outcome, `mutation ${i}: ${row!.reason}`).not.toBe("error");
    expect(message.rejected === null).toBe(OUTCOMES[row!.outcome as keyof typeof OUTCOMES].action !== "reject");
    outcomes.set(row!.outcome, (outcomes.get(row!.outcome) ?? 0) + 1);
  }
  // The mutations reach deep into the pipeline, not just the parser.
  expect(outcomes.get("stored") ?? 0).toBeGreaterThan(20);
});
