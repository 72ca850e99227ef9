/**
 * The Worker's email() entry point, adapting Email Routing's ForwardableEmailMessage to the
 * pipeline. It never throws: the raw MIME is kept first, every stage's failure becomes the "error"
 * outcome, and every email — whatever happened — gets exactly one inbound_log row.
 *
 * An unexpected error is refused at SMTP time: the sender learns it did not arrive (an accepted
 * email that then vanishes is worse), and nothing is lost because the raw MIME is in R2. Email
 * Routing's setReject is always a permanent (5xx) refusal, so the reason text says "send it again".
 *
 * The SMTP answer waits only for what decides it; live fan-out (and the log's outcome, unless the message's
 * batch wrote it) runs after it (`ctx.waitUntil`), and the emails it causes go from their scheduler's alarm.
 */
import { afterCommit } from "../../after-commit";
import { database } from "../../db/client";
import { writeInboundLog } from "../../db/inbound-log";
import type { Env } from "../../env";
import { OUTCOMES, type Outcome, type Verdict } from "./outcomes";
import { limits, runPipeline, type Facts } from "./pipeline";
import { keepRaw, readRaw } from "./raw-store";

/** The part of ForwardableEmailMessage the handler reads (the dev mailbox and tests build one of these). */
export type InboundMessage = Pick<ForwardableEmailMessage, "from" | "to" | "raw" | "rawSize" | "setReject">;

export interface InboundResult {
  outcome: Outcome;
  /** The SMTP rejection text, when the outcome rejects. */
  rejected: string | null;
  /** The log's detailed reason. */
  reason: string | null;
  applicationId: number | null;
  storedMessageId: number | null;
  /** The log row, when the email claimed one (its outcome is in the message's batch, or written after the answer). */
  logId: number | null;
}

export async function handleInboundEmail(message: InboundMessage, env: Env, ctx: Pick<ExecutionContext, "waitUntil">, now = Date.now()): Promise<InboundResult> {
  const envelope = { from: String(message.from ?? ""), to: String(message.to ?? "") };
  const size = Number.isFinite(message.rawSize) ? message.rawSize : 0;
  const facts: Facts = {};
  let rawKey: string | null = null;
  let result: Verdict;
  try {
    const raw = await readRaw(message.raw, size);
    if (raw) rawKey = await keepRaw(env, raw, envelope, now);
    result = await runPipeline(env, { envelopeFrom: envelope.from, envelopeTo: envelope.to, size, raw, rawKey }, facts, now);
  } catch (error) {
    console.error("inbound email failed", error);
    result = { outcome: "error", detail: describe(error) };
  }

  const rule = OUTCOMES[result.outcome];
  const rejected = rule.action === "reject" ? (rule.smtpReason?.(limits(env)) ?? result.outcome) : null;
  if (rejected) message.setReject(rejected);

  const entry = {
    receivedAt: now,
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    size,
    outcome: result.outcome,
    reason: result.detail ?? null,
    dedupeKey: facts.dedupeKey ?? null,
    subject: facts.subject ?? null,
    applicationId: facts.applicationId ?? null,
    companyId: facts.companyId ?? null,
    fromAddress: facts.fromAddress ?? null,
    storedMessageId: result.storedMessageId ?? null,
    rawKey,
  };
  // Everything below runs after the answer: handed over as one unit, started once the handler let go of it.
  const afterAnswer = async () => {
    // A stored message's batch wrote its outcome already.
    const logged = result.logged
      ? null
      : writeInboundLog(database(env.DB), entry, facts.logId ?? null, rejected !== null).catch((error: unknown) => {
          // D1 unreachable: the raw is in R2 and the worker's logs have the rest.
          console.error("inbound log write failed", { ...envelope, outcome: result.outcome, rawKey }, error);
        });
    await Promise.all([logged, afterCommit(env, facts.events ?? [], { emails: "scheduled" })]);
  };
  ctx.waitUntil(Promise.resolve().then(afterAnswer));
  const logId = facts.logId ?? null;
  return {
    outcome: result.outcome,
    rejected,
    reason: result.detail ?? null,
    applicationId: facts.applicationId ?? null,
    storedMessageId: result.storedMessageId ?? null,
    logId,
  };
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}
