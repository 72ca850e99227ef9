/**
 * The inbound pipeline, top to bottom. Each stage either passes the email on or ends it with a
 * named outcome (outcomes.ts decides what that outcome means at SMTP time). Stages write what they
 * learned into `facts`, so the log row says as much as is known even when a later stage throws.
 */
import { MAX_BODY_LENGTH } from "../../conversations/errors";
import type { DomainEvent } from "../../conversations/events";
import { isBlank } from "../../conversations/text";
import { database, type Db } from "../../db/client";
import { conversationContextQueries, loadConversationContext, toConversationContext, type ConversationContext } from "../../db/conversation-context";
import { claimQueries, type ClaimEntry } from "../../db/inbound-log";
import type { Env } from "../../env";
import { automaticMailReason } from "../automatic-mail";
import { answerOnceADay, type AnswerRequest } from "./answers";
import { selectAttachments } from "./attachments";
import { recordBounce } from "../../conversations/bounces";
import { emailText } from "./body";
import { deliveryReport, fromMailSystem } from "./delivery-report";
import { noteCommand } from "./note-command";
import { verdict, type Limits, type Verdict } from "./outcomes";
import { alsoSentTo, bare, dedupeKey, fromAddress, parseEmail, type ParsedEmail } from "./parse";
import { routeByToken, threadLookup, type Route } from "./route";
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
  companyId?: number;
  fromAddress?: string;
  /** The inbound_log row this delivery claimed (see claimQueries); its outcome is written there at the end. */
  logId?: number;
  /** What the stored message or queued answer caused, for the after-commit step (run after the SMTP answer). */
  events?: DomainEvent[];
}

/**
 * Before the SMTP answer an email costs two D1 round trips when it carries our routing address: the claim with
 * the conversation's context in one batch, then the message's batch (or an automatic answer's statement).
 */
export async function runPipeline(env: Env, mail: ReceivedEmail, facts: Facts, now = Date.now()): Promise<Verdict> {
  const db = database(env.DB);
  const { maxInboundMb } = limits(env);
  if (mail.size > maxInboundMb * 1024 * 1024 || !mail.raw) return verdict("too_large", `${mail.size} bytes`);

  const email = await parseEmail(mail.raw);
  if (!email) return verdict("unparseable");
  facts.subject = email.subject;
  facts.dedupeKey = await dedupeKey(email, mail.raw, mail.envelopeTo);
  const sender = fromAddress(email);
  if (sender) facts.fromAddress = sender;

  const claim: ClaimEntry = {
    receivedAt: now,
    envelopeFrom: mail.envelopeFrom,
    envelopeTo: mail.envelopeTo,
    size: mail.size,
    dedupeKey: facts.dedupeKey,
    subject: facts.subject ?? null,
    applicationId: null,
    fromAddress: sender,
    rawKey: mail.rawKey,
  };
  const claimed = await claimAndRoute(env, db, claim, email, sender);
  if (claimed.logId === null) return verdict("duplicate", facts.dedupeKey);
  facts.logId = claimed.logId;

  // A report that an email of ours never arrived: recorded on that email, never answered, never a message.
  const report = deliveryReport(email, mail.raw);
  if (report?.failed && fromMailSystem(mail.envelopeFrom, sender)) {
    const bounce = await recordBounce(env, report, now);
    facts.events = bounce.events;
    if (bounce.result) {
      facts.applicationId = bounce.result.applicationId;
      facts.companyId = bounce.result.companyId;
      return verdict("bounced", report.reason);
    }
  }

  const automatic = automaticMailReason({ headers: email.headers, envelopeFrom: mail.envelopeFrom, subject: email.subject ?? "" });
  if (automatic) return verdict("automatic", automatic);

  const { route, context } = claimed;
  if (!route || !context) return verdict("unknown_recipient", `to ${mail.envelopeTo}`);
  facts.applicationId = context.application.id;
  facts.companyId = context.application.companyId;

  const author = authorOf(context, route.recipient, sender);
  if (!author || !sender) return verdict("wrong_sender", `From ${sender ?? "(no address)"}, envelope ${mail.envelopeFrom}, via ${route.via}`);
  const answer = async (kind: AnswerRequest["kind"]) => {
    const answered = await answerOnceADay(env, { kind, context, recipient: route.recipient, toAddress: sender, inReplyTo: threadableId(email.messageId) }, now);
    facts.events = answered.events;
    return answered.queued;
  };

  if (author.kind === "candidate" && context.application.status === "rejected") {
    return verdict("rejected_application", (await answer("rejected_notice")) ? "notice sent" : "notice already sent in the last 24 h");
  }

  const written = emailText(email, mail.raw);
  // The team's note: a reply to a mention, or a reply of theirs that starts with #note. Never the candidate's.
  const note = author.kind === "candidate" ? null : route.recipient.kind === "admin" ? (noteCommand(written.body) ?? written.body) : noteCommand(written.body);
  const text = note === null ? written : { ...written, body: note };
  const files = selectAttachments(email);
  if (isBlank(text.body) && files.kept.length === 0 && files.skipped.length === 0) {
    return verdict("nothing_found", (await answer("nothing_found")) ? "answer sent" : "answer already sent in the last 24 h");
  }
  const writer = {
    author,
    visibility: note === null ? ("all" as const) : ("internal" as const),
    alsoSentTo: alsoSentTo(
      email,
      sender,
      ourDomains(env),
      context.notificationAddresses.map((a) => a.email),
    ),
  };
  const { events, ...stored } = await storeMessage(env, context, writer, text, files, claimed.logId, now);
  facts.events = events;
  return stored;
}

/**
 * Claims the email and reads the conversation its routing address names, in one batch. Without such an address,
 * the claim goes with the thread lookup, and the context is a read of its own.
 */
async function claimAndRoute(
  env: Env,
  db: Db,
  claim: ClaimEntry,
  email: ParsedEmail,
  sender: string | null,
): Promise<{ logId: number | null; route: Route | null; context: ConversationContext | null }> {
  const byToken = await routeByToken(env, claim.envelopeTo, email);
  let logId: number | null;
  let route = byToken;
  let context: ConversationContext | null = null;
  if (byToken) {
    const [, claimed, ...read] = await db.batch([...claimQueries(db, claim), ...conversationContextQueries(db, byToken.applicationId)]);
    logId = claimed[0]?.id ?? null;
    context = toConversationContext(read);
  } else {
    const thread = threadLookup(db, email);
    const [, claimed, sent] = await db.batch([...claimQueries(db, claim), thread.query]);
    logId = claimed[0]?.id ?? null;
    route = thread.pick(sent, sender);
    if (route) context = await loadConversationContext(db, route.applicationId);
  }
  return { logId, route, context };
}

export function limits(env: Env): Limits {
  const configured = Number(env.MAX_INBOUND_MB);
  return { maxInboundMb: Number.isFinite(configured) && configured > 0 ? configured : 10, maxBodyChars: MAX_BODY_LENGTH };
}

/** Where only our own addresses live: the routing addresses' domain and our sender's. */
function ourDomains(env: Env): string[] {
  return [env.REPLY_DOMAIN, bare(env.MAIL_FROM).split("@")[1] ?? ""].filter((domain) => domain.length > 0);
}

/** A Message-ID fit to thread an answer under (it ends up in a header of ours). */
function threadableId(messageId: string | undefined): string | null {
  const id = messageId?.trim() ?? "";
  return /^<[^<>\s]{1,250}>$/.test(id) ? id : null;
}
