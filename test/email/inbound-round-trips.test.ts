// What an inbound email costs before its SMTP answer: two D1 round trips (the claim with the conversation's
// context, then the message's batch, which also writes the log's outcome) and one R2 put (the raw MIME). Live
// fan-out and its emails run after the answer, and the test waits for that work through the execution context.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { meterRowsRead, type RowsReadMeter } from "../../src/db/rows-read-meter";
import worker from "../../src/index";
import { demoWorld } from "../support/http";
import { conversation, emailMessage, fill, fixture, logOf, messagesOf, newMessageId, outboxOf, sendScheduledEmails } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

/** Runs the email() handler on a metered D1 and R2; counts what happened before it answered, then lets the rest run. */
async function deliverMetered(raw: string, envelope: { from: string; to: string }) {
  const meter: RowsReadMeter = { rowsRead: 0, queries: 0, roundTrips: 0 };
  let puts = 0;
  const files = new Proxy(env.FILES, {
    get: (target, prop) => (prop === "put" ? (...args: Parameters<R2Bucket["put"]>) => (puts++, target.put(...args)) : Reflect.get(target, prop, target)),
  });
  const message = emailMessage(raw, envelope);
  const ctx = createExecutionContext();
  let beforeAnswer: { roundTrips: number; puts: number } | undefined;
  // The handler hands the after-answer work to waitUntil as it answers: what it did until then is the cost.
  const watched = {
    ...ctx,
    props: ctx.props,
    waitUntil: (work: Promise<unknown>) => {
      beforeAnswer ??= { roundTrips: meter.roundTrips, puts };
      ctx.waitUntil(work);
    },
  };
  await worker.email(message, { ...env, DB: meterRowsRead(env.DB, meter), FILES: files }, watched as ExecutionContext);
  await waitOnExecutionContext(ctx);
  const inAll = meter.roundTrips;
  await sendScheduledEmails();
  return { message, beforeAnswer, inAll };
}

describe("an inbound email before its SMTP answer", () => {
  it("a reply through our routing address: two D1 round trips and one R2 put; the rest follows the answer", async () => {
    const chat = await conversation(world, "metered-reply@example.net");
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: "metered-reply@example.net", to: chat.candidateAddress, msgId, body: "Úterý ve 14:00 mi vyhovuje." });
    const { message, beforeAnswer, inAll } = await deliverMetered(raw, { from: "metered-reply@example.net", to: chat.candidateAddress });
    expect(message.rejected).toBeNull();
    expect(beforeAnswer).toEqual({ roundTrips: 2, puts: 1 });
    // Nothing is left for D1 after the answer: the message's batch wrote the log's outcome (the email the reply
    // causes goes from its scheduler, on a D1 of its own here).
    expect(inAll).toBe(2);
    // After the answer: the log has its outcome and the company's email went out.
    const stored = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(stored.body).toBe("Úterý ve 14:00 mi vyhovuje.");
    expect((await logOf(msgId))[0]).toMatchObject({ outcome: "stored", reason: "0 attachment(s)", storedMessageId: stored.id, applicationId: chat.applicationId });
    expect((await outboxOf(chat.applicationId, "new_message")).at(-1)).toMatchObject({ messageId: stored.id, state: "sent" });
  });

  it("a duplicate costs one round trip: its claim finds the key taken", async () => {
    const chat = await conversation(world, "metered-dup@example.net");
    const msgId = newMessageId();
    const raw = fill(fixture("plain-reply"), { from: "metered-dup@example.net", to: chat.candidateAddress, msgId, body: "Dvakrát." });
    await deliverMetered(raw, { from: "metered-dup@example.net", to: chat.candidateAddress });
    const again = await deliverMetered(raw, { from: "metered-dup@example.net", to: chat.candidateAddress });
    expect(again.beforeAnswer?.roundTrips).toBe(1);
    expect((await logOf(msgId)).map((l) => l.outcome)).toEqual(["stored", "duplicate"]);
  });
});
