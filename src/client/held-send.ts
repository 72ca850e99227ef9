import type { MessageView, ScheduledView } from "../conversations/types";
import { el } from "./render";
import { t } from "./strings";

/** How long a held message may wait for its posted twin before it is taken off the screen anyway. */
const GIVE_UP_AFTER_MS = 60_000;

/**
 * The web composer's held sends (CONTRACT.md "Sending later": its undo is a scheduled message a few seconds
 * ahead). Each shows at once below the thread, with "Undo" until its time, and gives way to the posted message
 * when that arrives (socket or catch-up). The server holds it, not this page: closing the tab sends it anyway.
 */
export class HeldSends {
  private readonly list: HTMLOListElement;
  private readonly held = new Map<number, { li: HTMLLIElement; body: string; timer: ReturnType<typeof setInterval> }>();

  constructor(thread: HTMLElement) {
    this.list = document.createElement("ol");
    this.list.className = "messages messages--held";
    this.list.setAttribute("aria-live", "polite");
    thread.after(this.list);
  }

  /** `dueAt` is the send time on this page's clock; `restore` puts the text (and files) back in the composer. */
  hold(scheduled: ScheduledView, dueAt: number, restore: () => void): void {
    const li = el("li", { class: "message", "data-held": String(scheduled.id), "data-author-kind": "admin" });
    const state = el("span", { "data-held-state": "" });
    const undo = el("button", { type: "button", class: "link-button", "data-undo": "" }, t("live.undo"));
    const meta = el("div", { class: "message-meta" });
    meta.append(state, " ", undo);
    li.append(meta, el("p", { "data-body": "" }, scheduled.body));
    if (scheduled.attachments.length > 0) li.append(el("p", { class: "muted" }, scheduled.attachments.map((f) => f.filename).join(", ")));
    this.list.append(li);

    const started = Date.now();
    let said: string | null = null; // what an undo attempt answered, shown instead of the countdown
    const tick = () => {
      const left = Math.ceil((dueAt - Date.now()) / 1000);
      if (left <= 0) undo.remove();
      state.textContent = said ?? (left > 0 ? t("live.held", { seconds: left }) : t("live.heldSending"));
      if (Date.now() - started > GIVE_UP_AFTER_MS) this.drop(scheduled.id);
    };
    tick();
    this.held.set(scheduled.id, { li, body: scheduled.body, timer: setInterval(tick, 500) });

    undo.addEventListener("click", async () => {
      undo.disabled = true;
      const res = await fetch(`/api/scheduled/${scheduled.id}`, { method: "DELETE", credentials: "same-origin", headers: { Accept: "application/json" } }).catch(() => null);
      if (res?.status === 204) {
        this.drop(scheduled.id);
        restore();
        return;
      }
      if (res?.status === 409) {
        // Gone out already: the posted message replaces this one when it comes.
        undo.remove();
        said = t("live.tooLate");
      } else {
        undo.disabled = false; // offline, or refused: it may still be taken back
        said = t("live.undoFailed");
      }
      tick();
    });
  }

  /** A message of the viewer's arrived: the held one with the same text has gone out. */
  arrived(message: MessageView): void {
    const match = [...this.held.entries()].find(([, item]) => item.body === message.body);
    if (match) this.drop(match[0]);
  }

  private drop(id: number): void {
    const item = this.held.get(id);
    if (!item) return;
    clearInterval(item.timer);
    item.li.remove();
    this.held.delete(id);
  }
}
