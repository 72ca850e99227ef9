/**
 * The last stage: files to R2, then the one way in. postMessage checks the rules again and may
 * still say no (a rejection that raced this email, an over-long body); its refusals map onto
 * named outcomes like every other stage's.
 */
import { and, desc, eq } from "drizzle-orm";
import { DomainError } from "../../conversations/errors";
import { postMessage, type Author, type NewAttachment } from "../../conversations/post-message";
import { database } from "../../db/client";
import type { ConversationContext } from "../../db/conversation-context";
import { messages } from "../../db/schema";
import type { Env } from "../../env";
import type { AttachmentSelection, KeptFile } from "./attachments";
import type { EmailText } from "./body";
import { verdict, type Outcome, type Verdict } from "./outcomes";

const REFUSALS: Record<DomainError["code"], Outcome> = {
  message_too_long: "too_long",
  empty_message: "nothing_found",
  application_rejected: "rejected_application",
  not_found: "unknown_recipient",
  already_applied: "error",
};

export async function storeMessage(env: Env, context: ConversationContext, author: Author, text: EmailText, files: AttachmentSelection, now: number): Promise<Verdict> {
  const applicationId = context.application.id;
  const uploaded = await uploadFiles(env, applicationId, files.kept);
  try {
    const input = { applicationId, author, channel: "email" as const, body: text.body, originalBody: text.original, attachments: uploaded, skippedFiles: files.skipped };
    const posted = await postMessage(env, input, now, context);
    return { outcome: "stored", storedMessageId: posted.message.id, detail: `${uploaded.length} attachment(s)` };
  } catch (error) {
    if (error instanceof DomainError) {
      // Nothing refers to the files now; the raw MIME in R2 still holds them.
      await Promise.allSettled(uploaded.map((f) => env.FILES.delete(f.r2Key)));
      return verdict(REFUSALS[error.code], `postMessage: ${error.code}`);
    }
    // postMessage fans out after its commit; if only that failed, the message is stored and refusing the
    // email would make the sender send it twice. Live views catch up from D1, the cron sweep sends its mail.
    const stored = await committedMessage(env, applicationId, text.original, now);
    if (stored !== null) return { outcome: "stored", storedMessageId: stored, detail: `stored; after commit: ${String(error).slice(0, 300)}` };
    throw error;
  }
}

async function committedMessage(env: Env, applicationId: number, originalBody: string, now: number): Promise<number | null> {
  const [row] = await database(env.DB)
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.applicationId, applicationId), eq(messages.createdAt, now), eq(messages.channel, "email"), eq(messages.originalBody, originalBody)))
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.id ?? null;
}

async function uploadFiles(env: Env, applicationId: number, files: KeptFile[]): Promise<NewAttachment[]> {
  return Promise.all(
    files.map(async (file) => {
      const r2Key = `attachments/${applicationId}/${crypto.randomUUID()}`;
      await env.FILES.put(r2Key, file.content, {
        httpMetadata: { contentType: file.contentType },
        customMetadata: { filename: encodeURIComponent(file.filename) },
      });
      return { filename: file.filename, contentType: file.contentType, size: file.content.byteLength, r2Key };
    }),
  );
}
