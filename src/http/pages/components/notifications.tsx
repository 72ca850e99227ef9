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

/** What a notification says under the candidate's name: who did what, and the words it is about. */
function previewLine(t: PageText, kind: string | undefined, s: NonNullable<NotificationItem["subject"]>): string {
  if (kind === "assigned") return t.notifications.assigned(s.authorName);
  if (kind === "bounce") return `${t.notifications.bounce(s.authorName)}: ${s.preview}`;
  if (kind === "mention") return `${t.notifications.mention(s.authorName)}: ${s.preview}`;
  return s.authorKind === "system" ? s.preview : `${s.authorName}: ${s.preview}`;
}

/** The latest in-app notifications, each a link to its message, with plain-form "mark read" buttons. */
export function NotificationsPanel({ t, items, unread }: { t: PageText; items: NotificationItem[]; unread: number }) {
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
        {items.map((n) => (
          <li class="notification" data-notification-id={String(n.id)} data-application-id={String(n.applicationId)} data-unread={n.readAt === null ? "" : undefined}>
            <a href={`/admin/applications/${n.applicationId}${n.messageId === null ? "" : `#message-${n.messageId}`}`}>
              <span class="notification__title">{n.subject?.candidateName ?? `#${n.applicationId}`}</span>
              {n.subject && <span class="notification__preview">{previewLine(t, n.kind, n.subject)}</span>}
            </a>
            <span class="notification__foot">
              <time datetime={new Date(n.createdAt).toISOString()}>{formatShort(t, n.createdAt)}</time>
              {n.readAt === null && (
                <form method="post" action={`/admin/notifications/${n.id}/read`}>
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
