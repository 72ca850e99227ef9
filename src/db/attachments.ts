/** A stored file by id; the caller checks it belongs to a conversation its viewer may open. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { attachments } from "./schema";

export type Attachment = typeof attachments.$inferSelect;

export async function attachmentById(db: Db, attachmentId: number): Promise<Attachment | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, attachmentId)).limit(1);
  return row ?? null;
}

export const FILES_SHOWN = 10;

/** The application's files, newest first (the CV at a glance on the conversation's side panel). */
export function applicationFiles(db: Db, applicationId: number) {
  return db
    .select({ id: attachments.id, filename: attachments.filename, size: attachments.size, messageId: attachments.messageId })
    .from(attachments)
    .where(eq(attachments.applicationId, applicationId))
    .orderBy(desc(attachments.id))
    .limit(FILES_SHOWN);
}
