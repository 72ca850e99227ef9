/**
 * The inbound pipeline, top to bottom. Each stage either passes the email on or ends it with a
 * named outcome (outcomes.ts decides what that outcome means at SMTP time). Stages write what they
 * learned into `facts`, so the log row says as much as is known even when a later stage throws.
 */
import { MAX_BODY_LENGTH } from "../../conversations/errors";
import { isBlank } from "../../conversations/text";
import { database } from "../../db/client";
import type { Env } from "../../env";
import { automaticMailReason } from "../automatic-mail";
import { answerOnceADay, type AnswerRequest } from "./answers";
import { selectAttachments } from "./attachments";
import { emailText } from "./body";
import { claimEmail } from "./inbound-log";
import { verdict, type Limits, type Verdict } from "./outcomes";
import { dedupeKey, fromAddress, parseEmail } from "./parse";
import { routeEmail } from "./route";
import { storeMessage } from "./store";
import { authorOf } from "./verify-sender";

export interface ReceivedEmail {
  envelopeFrom: string;
  envelopeTo: string;
  size: number;
  /** Null when the message was too large to read at all. */
  raw: Uint8Array | null;
  /** Where the raw MIME was kept (R2). */
  rawKey: string | null;
}

export interface Facts {
  dedupeKey?: string;
  subject?: string;
  applicationId?: number;
  /** The inbound_log row this delivery claimed (see claimEmail); its outcome is written there at the end. */
  logId?: number;
}

export async function runPipeline(env: Env, mail: ReceivedEmail, facts: Facts, now = Date.now()): Promise<Verdict> {
  const db = database(env.DB);
  const { maxInboundMb } = limits(env);
  if (mail.size > maxInboundMb * 1024 * 1024 || !mail.raw) return verdict("too_large", `${mail.size} bytes`);

  const email = await parseEmail(mail.raw);
  if (!email) return verdict("unparseable");
  facts.subject = email.subject;
  facts.dedupeKey = await dedupeKey(email, mail.raw, mail.envelopeTo);

  const logId = await claimEmail(db, {
    receivedAt: now,
    envelopeFrom: mail.envelopeFrom,
    envelopeTo: mail.envelopeTo,
    size: mail.size,
    dedupeKey: facts.dedupeKey,
    subject: facts.subject ?? null,
    applicationId: null,
    rawKey: mail.rawKey,
  });
  if (logId === null) return verdict("duplicate", facts.dedupeKey);
  facts.logId = logId;

  const automatic = automaticMailReason({ headers: email.headers, envelopeFrom: mail.envelopeFrom, subject: email.subject ?? "" });
  if (automatic) return verdict("automatic", automatic);

  const sender = fromAddress(email);
  const route = await routeEmail(env, db, mail.envelopeTo, email, sender);
  if (!route) return verdict("unknown_recipient", `to ${mail.envelopeTo}`);
  const { context, recipient } = route;
  facts.applicationId = context.application.id;

  const author = authorOf(context, recipient, sender);
  if (!author || !sender) return verdict("wrong_sender", `From ${sender ?? "(no address)"}, envelope ${mail.envelopeFrom}, via ${route.via}`);
  const answer = (kind: AnswerRequest["kind"]) =>
    answerOnceADay(env, db, { kind, context, recipient, toAddress: sender, inReplyTo: threadableId(email.messageId) }, now);

  if (author.kind === "candidate" && context.application.status === "rejected") {
    return verdict("rejected_application", (await answer("rejected_notice")) ? "notice sent" : "notice already sent in the last 24 h");
  }

  const text = emailText(email, mail.raw);
  const files = selectAttachments(email);
  if (isBlank(text.body) && files.kept.length === 0 && files.skipped.length === 0) {
    return verdict("nothing_found", (await answer("nothing_found")) ? "answer sent" : "answer already sent in the last 24 h");
  }
  return storeMessage(env, context, author, text, files, now);
}

export function limits(env: Env): Limits {
  const configured = Number(env.MAX_INBOUND_MB);
  return { maxInboundMb: Number.isFinite(configured) && configured > 0 ? configured : 10, maxBodyChars: MAX_BODY_LENGTH };
}

/** A Message-ID fit to thread an answer under (it ends up in a header of ours). */
function threadableId(messageId: string | undefined): string | null {
  const id = messageId?.trim() ?? "";
  return /^<[^<>\s]{1,250}>$/.test(id) ? id : null;
}
