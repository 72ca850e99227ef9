/**
 * Sending later (CONTRACT.md "Sending later"): an admin's message is checked, filled in and its files stored
 * now, and posted through the one way in at its time by the conversation's scheduler (its alarm), like any
 * admin message. Until then it is in nobody's thread and no email leaves.
 */
import type { SignedInAdmin } from "../accounts/sessions";
import { database } from "../db/client";
import { cancelScheduled, dueScheduled, insertScheduled, type ScheduledRow } from "../db/scheduled-messages";
import type { Env } from "../env";
import { isGuardFailure } from "../db/guard";
import { DomainError, MAX_BODY_LENGTH } from "./errors";
import type { DomainEvent, Outcome } from "./events";
import { withStoredFiles, type IncomingFile } from "./files";
import { postMessage, type NewAttachment } from "./post-message";
import { cleanText, isBlank } from "./text";
import type { ScheduledView } from "./types";

export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;

export function scheduledView(row: ScheduledRow): ScheduledView {
  const files = JSON.parse(row.files) as NewAttachment[];
  return {
    id: row.id,
    applicationId: row.applicationId,
    sendAt: new Date(row.sendAt).toISOString(),
    body: row.body,
    author: { adminId: row.adminId },
    attachments: files.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** Schedules `body` (already filled in) with `files` for `sendAt`; the conversation's scheduler is armed after commit. */
export async function scheduleMessage(
  env: Env,
  admin: SignedInAdmin,
  applicationId: number,
  input: { body: string; files: IncomingFile[]; sendAt: number },
  now = Date.now(),
): Promise<Outcome<ScheduledView>> {
  const text = cleanText(input.body).trim();
  const body = isBlank(text) ? "" : text;
  if (body === "" && input.files.length === 0) throw new DomainError("empty_message", "The message is empty.");
  if (body.length > MAX_BODY_LENGTH) throw new DomainError("message_too_long", `A message may have at most ${MAX_BODY_LENGTH} characters.`);
  const row = await withStoredFiles(env, input.files, async (files) => {
    const inserted = await insertScheduled(database(env.DB), { companyId: admin.companyId, applicationId, adminId: admin.id, body, files, sendAt: input.sendAt, now });
    if (!inserted) throw new DomainError("not_found", "This conversation does not exist.");
    return inserted;
  });
  return { result: scheduledView(row), events: [{ type: "message.scheduled", applicationId, sendAt: row.sendAt }] };
}

/** Cancels a message that waits; 409 `already_sent` once it has gone out. Its files go with it. */
export async function unscheduleMessage(env: Env, admin: SignedInAdmin, id: number): Promise<void> {
  const result = await cancelScheduled(database(env.DB), admin.companyId, id);
  if ("cancelled" in result) {
    const files = JSON.parse(result.cancelled.files) as NewAttachment[];
    await Promise.allSettled(files.map((f) => env.FILES.delete(f.r2Key)));
    return;
  }
  if (result.state === "sent") throw new DomainError("already_sent", "This message has already been sent.");
  throw new DomainError("not_found", "There is no such scheduled message.");
}

/**
 * Posts the conversation's messages whose time has come, each in the batch that marks it sent (so a message
 * posts once, and not after a cancel won). One that can no longer be posted (its author left the company) is
 * cancelled rather than retried forever.
 */
export async function postDueMessages(env: Env, applicationId: number, now = Date.now()): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const row of await dueScheduled(database(env.DB), applicationId, now)) {
    const files = JSON.parse(row.files) as NewAttachment[];
    try {
      const posted = await postMessage(env, { applicationId, author: { kind: "admin", adminId: row.adminId }, channel: "web", body: row.body, files, scheduledId: row.id }, now);
      events.push(...posted.events);
    } catch (error) {
      if (isGuardFailure(error)) continue; // cancelled or sent by another run meanwhile
      if (error instanceof DomainError) {
        console.error(`scheduled message ${row.id} cannot be posted: ${error.code}`);
        await cancelScheduled(database(env.DB), row.companyId, row.id);
        continue;
      }
      throw error;
    }
  }
  return events;
}
