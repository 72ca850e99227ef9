import type { CompanyEvent, NotificationView } from "../live/events";
import { showStatus } from "./conversation";
import { LiveSocket } from "./live-socket";
import { t } from "./strings";

/**
 * The admin's company-wide socket (`[data-live-company]`): unread badges, the notification list and the
 * inbox order, on whatever admin page is open. After a reconnect the total is reloaded from
 * `data-notifications-url`, since frames sent while away are gone.
 */
export function startCompany(root: HTMLElement): void {
  const data = root.dataset;
  const socket = new LiveSocket(data.liveCompany!, {
    onOpen: () => void reloadTotal(),
    onStatus: (online) => showStatus(root.querySelector<HTMLElement>("[data-live-status]"), online),
    onFrame: (frame) => handle(frame as CompanyEvent),
  });
  socket.start();

  function handle(frame: CompanyEvent): void {
    // Whatever changed a conversation may have moved it between queues: their counts are fetched again.
    if (frame.type === "notification.created" || frame.type === "application.updated" || frame.type === "application.assigned") refreshQueues();
    switch (frame.type) {
      case "notification.created":
        if (frame.applicationUnread !== undefined) setBadges(`[data-unread-for-application="${frame.notification.applicationId}"]`, frame.applicationUnread);
        setBadges("[data-unread-total]", frame.unread);
        return prependNotification(frame.notification);
      case "notifications.read":
        setBadges("[data-unread-total]", frame.unread);
        setBadges(frame.applicationId === undefined ? "[data-unread-for-application]" : `[data-unread-for-application="${frame.applicationId}"]`, 0);
        document.querySelectorAll<HTMLElement>("[data-notification-id][data-unread]").forEach((item) => {
          if (frame.applicationId === undefined || item.dataset.applicationId === String(frame.applicationId)) item.removeAttribute("data-unread");
        });
        return;
      case "application.updated":
        return void refreshRow(frame.application.id, frame.application.status);
    }
  }

  async function reloadTotal(): Promise<void> {
    if (!data.notificationsUrl) return;
    try {
      const res = await fetch(data.notificationsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (res.ok) setBadges("[data-unread-total]", ((await res.json()) as { unread: number }).unread);
    } catch {
      // Offline: the next reconnect tries again.
    }
  }

  /** `<li data-notification-id="5" data-application-id="12" data-unread><a href="/admin/applications/12">…</a></li>` */
  function prependNotification(notification: NotificationView): void {
    const list = document.querySelector("[data-notifications]");
    if (!list || list.querySelector(`[data-notification-id="${notification.id}"]`)) return;
    // One entry per conversation: a newer notification takes the place of the one shown.
    const previous = list.querySelector<HTMLElement>(`[data-application-id="${notification.applicationId}"]`);
    const count = (Number(previous?.dataset.count) || 0) + 1;
    previous?.remove();
    const item = document.createElement("li");
    item.dataset.notificationId = String(notification.id);
    item.dataset.applicationId = String(notification.applicationId);
    item.dataset.count = String(count);
    item.setAttribute("data-unread", "");
    const link = document.createElement("a");
    link.href = (data.applicationUrl ?? "/admin/applications/{id}").replace("{id}", String(notification.applicationId));
    link.textContent = t("live.notification", { name: candidateName(notification.applicationId) }) + (count > 1 ? t("live.more", { n: count - 1 }) : "");
    item.append(link);
    list.prepend(item);
  }
}

/** A badge shows its number, and hides at zero. */
function setBadges(selector: string, count: number): void {
  document.querySelectorAll<HTMLElement>(selector).forEach((badge) => {
    badge.textContent = String(count);
    badge.hidden = count === 0;
  });
}

/**
 * The inbox lists latest activity first: an application with news moves up (`[data-application-row="12"]`).
 * On the unfiltered first page (`[data-inbox][data-row-url]`) the server renders the row afresh, so new
 * applications appear and previews stay current; elsewhere the existing row just moves.
 */
async function refreshRow(applicationId: number, status: string): Promise<void> {
  const list = document.querySelector<HTMLElement>("[data-inbox]");
  const row = document.querySelector<HTMLElement>(`[data-application-row="${applicationId}"]`);
  const template = list?.dataset.rowUrl;
  if (list && template) {
    try {
      const res = await fetch(template.replace("{id}", String(applicationId)), { credentials: "same-origin" });
      if (res.ok) {
        const holder = document.createElement("template");
        holder.innerHTML = (await res.text()).trim(); // our own server-rendered, escaped markup
        const fresh = holder.content.firstElementChild;
        if (fresh) {
          const ticked = document.querySelector<HTMLInputElement>(`[data-application-row="${applicationId}"] input[type="checkbox"]`)?.checked;
          document.querySelector(`[data-application-row="${applicationId}"]`)?.remove();
          list.prepend(fresh);
          // A row ticked for a bulk action stays ticked; the bulk bar counts again either way (a new row).
          const box = fresh.querySelector<HTMLInputElement>('input[type="checkbox"]');
          if (box) {
            box.checked = ticked === true;
            box.dispatchEvent(new Event("change", { bubbles: true }));
          }
          return;
        }
      }
    } catch {
      // Offline: fall back to moving the row we have.
    }
  }
  if (!row) return;
  row.dataset.status = status;
  row.parentElement?.prepend(row);
}

// The inbox row, if this page has one, names the candidate; elsewhere "#12" has to do.
function candidateName(applicationId: number): string {
  const name = document.querySelector(`[data-application-row="${applicationId}"] [data-candidate-name]`)?.textContent?.trim();
  return name || `#${applicationId}`;
}

let queuesTimer: ReturnType<typeof setTimeout> | undefined;

/** The inbox's queue tabs (`[data-queues-url]`) rendered afresh, at most every half second. */
function refreshQueues(): void {
  const tabs = document.querySelector<HTMLElement>("[data-queues-url]");
  if (!tabs || queuesTimer) return;
  queuesTimer = setTimeout(async () => {
    queuesTimer = undefined;
    try {
      const res = await fetch(`${tabs.dataset.queuesUrl}${location.search}`, { credentials: "same-origin" });
      if (!res.ok) return;
      const holder = document.createElement("template");
      holder.innerHTML = (await res.text()).trim(); // our own server-rendered, escaped markup
      const fresh = holder.content.firstElementChild;
      if (fresh) document.querySelector("[data-queues-url]")?.replaceWith(fresh);
    } catch {
      // Offline: the counts catch up with the next change or reload.
    }
  }, 500);
}
