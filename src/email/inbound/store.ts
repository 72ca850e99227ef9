/**
 * The last stage: files to R2, then the one way in. postMessage checks the rules again and may
 * still say no (a rejection that raced this email, an over-long body); its refusals map onto
 * named outcomes like every other stage's.
 */
import { DomainError } from "../../conversations/errors";
import type { DomainEvent } from "../../conversations/events";
import { postMessage, type Author, type NewAttachment } from "../../conversations/post-message";
import type { ConversationContext } from "../../db/conversation-context";
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
  unauthenticated: "error",
  unknown_placeholder: "error",
  offer_closed: "error",
};

export async function storeMessage(
  env: Env,
  context: ConversationContext,
  author: Author,
  text: EmailText,
  files: AttachmentSelection,
  now: number,
): Promise<Verdict & { events?: DomainEvent[] }> {
  const applicationId = context.application.id;
  const uploaded = await uploadFiles(env, applicationId, files.kept);
  try {
    const input = { applicationId, author, channel: "email" as const, body: text.body, originalBody: text.original, attachments: uploaded, skippedFiles: files.skipped };
    const posted = await postMessage(env, input, now);
    return { outcome: "stored", storedMessageId: posted.result.id, detail: `${uploaded.length} attachment(s)`, events: posted.events };
  } catch (error) {
    // Nothing refers to the files now (the batch wrote nothing); the raw MIME in R2 still holds them.
    await Promise.allSettled(uploaded.map((f) => env.FILES.delete(f.r2Key)));
    if (error instanceof DomainError) return verdict(REFUSALS[error.code], `postMessage: ${error.code}`);
    throw error;
  }
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
