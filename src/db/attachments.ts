/** A stored file by id; the caller checks it belongs to a conversation its viewer may open. */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { attachments } from "./schema";

export type Attachment = typeof attachments.$inferSelect;

export async function attachmentById(db: Db, attachmentId: number): Promise<Attachment | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, attachmentId)).limit(1);
  return row ?? null;
}
