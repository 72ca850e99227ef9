import type { PageText } from "../../../i18n/pages";
import { formatShort } from "../format";

export interface NotificationItem {
  id: number;
  applicationId: number;
  kind?: string;
  messageId: number | null;
  readAt: number | null;
  createdAt: number;
  subject?: { authorKind: string; authorName: string; candidateName: string; preview: string };
}

/** Newest first, one group per conversation, in the order of each one's newest notification. */
function byConversation(items: NotificationItem[]) {
  const groups = new Map<number, { latest: NotificationItem; count: number; unreadHere: boolean }>();
  for (const n of items) {
    const group = groups.get(n.applicationId);
    if (group) {
      group.count++;
      group.unreadHere ||= n.readAt === null;
    } else groups.set(n.applicationId, { latest: n, count: 1, unreadHere: n.readAt === null });
  }
  return [...groups.values()];
}

/** What a notification says under the candidate's name: who did what, and the words it is about. */
function previewLine(t: PageText, kind: string | undefined, s: NonNullable<NotificationItem["subject"]>): string {
  if (kind === "assigned") return t.notifications.assigned(s.authorName);
  if (kind === "bounce") return `${t.notifications.bounce(s.authorName)}: ${s.preview}`;
  if (kind === "mention") return `${t.notifications.mention(s.authorName)}: ${s.preview}`;
  return s.authorKind === "system" ? s.preview : `${s.authorName}: ${s.preview}`;
}

/**
 * The latest in-app notifications, one entry per conversation (its newest, with how many more there are), each a
 * link to its message, with plain-form "mark read" buttons (the conversation's notifications all at once).
 */
export function NotificationsPanel({ t, items, unread }: { t: PageText; items: NotificationItem[]; unread: number }) {
  const groups = byConversation(items);
  return (
    <section class="panel" id="notifications" aria-labelledby="notifications-title">
      <div class="panel__head">
        <h2 id="notifications-title">{t.notifications.title}</h2>
        {unread > 0 && (
          <form method="post" action="/admin/notifications/read">
            <button type="submit" class="link-button">
              {t.notifications.markAllRead}
            </button>
          </form>
        )}
      </div>
      <ul class="notifications" data-notifications>
        {groups.map(({ latest: n, count, unreadHere }) => (
          <li
            class="notification"
            data-notification-id={String(n.id)}
            data-application-id={String(n.applicationId)}
            data-count={String(count)}
            data-unread={unreadHere ? "" : undefined}
          >
            <a href={`/admin/applications/${n.applicationId}${n.messageId === null ? "" : `#message-${n.messageId}`}`}>
              <span class="notification__title">
                {n.subject?.candidateName ?? `#${n.applicationId}`}
                {count > 1 && <span class="notification__count">{t.notifications.more(count - 1)}</span>}
              </span>
              {n.subject && <span class="notification__preview">{previewLine(t, n.kind, n.subject)}</span>}
            </a>
            <span class="notification__foot">
              <time datetime={new Date(n.createdAt).toISOString()}>{formatShort(t, n.createdAt)}</time>
              {unreadHere && (
                <form method="post" action={`/admin/applications/${n.applicationId}/notifications/read`}>
                  <button type="submit" class="link-button">
                    {t.notifications.markRead}
                  </button>
                </form>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p class="notifications__empty muted">{t.notifications.empty}</p>
    </section>
  );
}
