/**
 * The last stage: files to R2, then the one way in. postMessage checks the rules again and may
 * still say no (a rejection that raced this email, an over-long body); its refusals map onto
 * named outcomes like every other stage's.
 */
import { DomainError } from "../../conversations/errors";
import { postMessage, type Author, type NewAttachment } from "../../conversations/post-message";
import type { Env } from "../../env";
import type { KeptFile } from "./attachments";
import type { EmailText } from "./body";
import { verdict, type Outcome, type Verdict } from "./outcomes";

const REFUSALS: Record<DomainError["code"], Outcome> = {
  message_too_long: "too_long",
  empty_message: "nothing_found",
  application_rejected: "rejected_application",
  not_found: "unknown_recipient",
  not_allowed: "wrong_sender",
  already_applied: "error",
};

export async function storeMessage(env: Env, applicationId: number, author: Author, text: EmailText, files: KeptFile[]): Promise<Verdict> {
  const uploaded = await uploadFiles(env, applicationId, files);
  try {
    const posted = await postMessage(env, {
      applicationId,
      author,
      channel: "email",
      body: text.body,
      originalBody: text.original,
      attachments: uploaded,
    });
    return { outcome: "stored", storedMessageId: posted.message.id, detail: `${uploaded.length} attachment(s)` };
  } catch (error) {
    // Nothing refers to the files now; the raw MIME in R2 still holds them.
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
