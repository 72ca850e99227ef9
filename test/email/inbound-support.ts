/// <reference types="vite/client" />
// Helpers for the inbound tests: real raw messages, the message object Email Routing hands the
// Worker (an input, not a mock of the platform), and applications created through the JSON API.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { and, asc, desc, eq, like } from "drizzle-orm";
import worker from "../../src/index";
import { database } from "../../src/db/client";
import { overdueScopes } from "../../src/db/outbox";
import { inboundLog, messages, outbox } from "../../src/db/schema";
import { deliveryScheduler } from "../../src/email/delivery-scheduler";
import { call, json } from "../support/http";

export const db = database(env.DB);

const csFixtures = import.meta.glob<string>("../fixtures/emails/cs/*.eml", { query: "?raw", import: "default", eager: true });
const ownFixtures = import.meta.glob<string>("../fixtures/inbound/*.eml", { query: "?raw", import: "default", eager: true });

export function fixture(name: string): string {
  const text = csFixtures[`../fixtures/emails/cs/${name}.eml`] ?? ownFixtures[`../fixtures/inbound/${name}.eml`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
}

let counter = 0;
/** A Message-ID nobody used before in this file's storage. */
export const newMessageId = () => `<test-${Date.now()}-${++counter}@mail.example.net>`;

/** Fills a fixture's placeholders; lines end in CRLF as on the wire. */
export function fill(template: string, values: { from: string; to: string; msgId?: string; inReplyTo?: string; [key: string]: string | undefined }): string {
  let text = template;
  for (const [key, value] of Object.entries({ ...values, msgId: values.msgId ?? newMessageId(), inReplyTo: values.inReplyTo ?? "<none@jobs.example>" })) {
    text = text.replaceAll(`{{${key.toUpperCase()}}}`, value ?? "");
  }
  return text.replace(/\r?\n/g, "\r\n");
}

export interface ReceivedMessage extends ForwardableEmailMessage {
  rejected: string | null;
}

/** What Email Routing gives the email() handler; setReject records the reason. */
export function emailMessage(raw: string | Uint8Array, envelope: { from: string; to: string }, rawSize?: number): ReceivedMessage {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const notUsed = () => Promise.reject(new Error("the inbound handler must not forward or reply"));
  const message = {
    from: envelope.from,
    to: envelope.to,
    raw: new Blob([bytes]).stream(),
    rawSize: rawSize ?? bytes.byteLength,
    headers: new Headers(),
    canBeForwarded: false,
    rejected: null as string | null,
    setReject(reason: string) {
      message.rejected = reason;
    },
    forward: notUsed,
    reply: notUsed,
  };
  return message as unknown as ReceivedMessage;
}

/** Runs the Worker's email() handler like Email Routing would, and returns the message (with any rejection). */
export async function deliver(raw: string | Uint8Array, envelope: { from: string; to: string }, rawSize?: number, bindings: AppEnv = env) {
  const message = emailMessage(raw, envelope, rawSize);
  const ctx = createExecutionContext();
  await worker.email(message, bindings, ctx);
  await waitOnExecutionContext(ctx);
  await sendScheduledEmails();
  return message;
}

/**
 * Has every delivery scheduler with mail due send it (what its alarm does a moment later on its own), until every
 * queued email has been tried: an alarm the runtime already started holds its rows while it sends them.
 */
export async function sendScheduledEmails() {
  for (let round = 0; round < 200; round++) {
    const untried = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.state, "pending"), eq(outbox.attempts, 0)))
      .limit(1);
    if (untried.length === 0) return;
    for (const scope of await overdueScopes(db, Date.now(), 500)) await deliveryScheduler(env, scope).deliverSoon(scope);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("queued emails were never tried");
}

/** Every log row of the email with this Message-ID, whichever recipient it was delivered to. */
export async function logOf(messageId: string) {
  return db
    .select()
    .from(inboundLog)
    .where(like(inboundLog.dedupeKey, `${messageId} %`))
    .orderBy(asc(inboundLog.id));
}

export const lastLog = async () => (await db.select().from(inboundLog).orderBy(desc(inboundLog.id)).limit(1))[0]!;

export async function messagesOf(applicationId: number) {
  return db.select().from(messages).where(eq(messages.applicationId, applicationId)).orderBy(asc(messages.id));
}

export async function outboxOf(applicationId: number, kind?: (typeof outbox.$inferSelect)["kind"]) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), kind ? eq(outbox.kind, kind) : undefined))
    .orderBy(asc(outbox.id));
}

/**
 * A candidate applies to Acme's offer and Jana answers, through the JSON API; the routing addresses
 * are read from the emails the app itself queued (Reply-To of each).
 */
export async function conversation(world: { acme: { offerId: number }; jana: string }, candidateEmail: string) {
  const applied = await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Lukáš Procházka", email: candidateEmail, message: "Dobrý den, mám zájem." } });
  const { applicationId } = await json<{ applicationId: number }>(applied);
  await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Dobrý den, hodí se vám úterý?" } });
  const [toCompany] = await outboxOf(applicationId, "new_candidate");
  const [toCandidate] = await outboxOf(applicationId, "candidate_message");
  return { applicationId, candidateAddress: toCandidate!.replyTo!, companyAddress: toCompany!.replyTo!, toCandidate: toCandidate!, toCompany: toCompany! };
}
