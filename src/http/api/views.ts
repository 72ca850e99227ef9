import type { CompanyScope } from "../../db/company-scope";

type InboxRow = Awaited<ReturnType<CompanyScope["inbox"]>>["rows"][number];

/** CONTRACT.md's inbox item. */
export function inboxItemView(row: InboxRow, offerTitles: Map<number, string>) {
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    candidate: row.candidate,
    offer: { id: row.offerId, title: offerTitles.get(row.offerId) ?? "" },
    lastMessage: row.lastMessageId
      ? // Message-shaped; the body is cut to a preview (the conversation has it whole).
        {
          id: row.lastMessageId,
          body: row.lastMessagePreview,
          author: { kind: row.lastMessageAuthorKind, name: row.lastMessageAuthor },
          visibility: row.lastMessageVisibility,
          createdAt: new Date(row.lastActivityAt).toISOString(),
        }
      : null,
    lastActivityAt: new Date(row.lastActivityAt).toISOString(),
    unread: row.unread,
    assignee: assigneeView(row),
    waitingOn: row.waitingOn,
  };
}

type ApplicationRow = NonNullable<Awaited<ReturnType<CompanyScope["application"]>>>;

/** CONTRACT.md's application. */
export function applicationView(app: ApplicationRow) {
  const { id, status, source, candidate, offer, waitingOn } = app;
  return { id, status, source, candidate: { name: candidate.name, email: candidate.email }, offer, assignee: assigneeView(app), waitingOn };
}

function assigneeView(row: { assigneeId: number | null; assigneeName: string | null }) {
  return row.assigneeId === null ? null : { id: row.assigneeId, name: row.assigneeName ?? "" };
}

export function notificationView(row: { id: number; kind: string; applicationId: number; messageId: number | null; readAt: number | null; createdAt: number }) {
  return {
    id: row.id,
    kind: row.kind,
    applicationId: row.applicationId,
    messageId: row.messageId,
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
