import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { applications, candidates, messages } from "./schema";

/**
 * Who wrote the notified messages and in whose conversation, so the notification list can say more than ids.
 * Scoped by company like every admin read.
 */
export async function notificationSubjects(db: Db, companyId: number, messageIds: number[]) {
  if (messageIds.length === 0) return new Map<number, { authorKind: string; authorName: string; candidateName: string; preview: string }>();
  const rows = await db
    .select({ messageId: messages.id, authorKind: messages.authorKind, authorName: messages.authorName, body: messages.body, candidateName: candidates.name })
    .from(messages)
    .innerJoin(applications, eq(applications.id, messages.applicationId))
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .where(and(eq(messages.companyId, companyId), inArray(messages.id, messageIds)));
  return new Map(rows.map((r) => [r.messageId, { authorKind: r.authorKind, authorName: r.authorName, candidateName: r.candidateName, preview: r.body.slice(0, 120) }]));
}
