import { linkParts } from "../conversations/links";
import type { MessageView } from "../conversations/types";
import { locale, t } from "./strings";

/**
 * One message as an `<li>`. The server-rendered page must produce the same markup, so old and live messages
 * look alike (CSS hooks are the data attributes; bodies are plain text: style `[data-body]` white-space: pre-wrap):
 *
 * <li class="message" data-message-id="57" data-author-kind="admin" data-author-admin-id="3" data-channel="email">
 *   <div class="message-meta">
 *     <strong data-author>Jana Nováková</strong>
 *     <span data-channel-label>{t("live.channel.email")}</span>
 *     <time datetime="2026-05-01T09:30:00.000Z">1. 5. 2026 11:30</time>
 *     <span data-delivery="sent">{t("live.delivery.sent")}</span>          (admin pages, messages that caused email)
 *   </div>
 *   <p data-also-sent-to>{t("live.alsoSentTo")}</p>                      (admin pages, emails the writer sent to others too)
 *   <p data-body>Dobrý den, …</p>
 *   <ul data-attachments>                                                 (only with attachments)
 *     <li><a href="/api/…/attachments/9" download>cv.pdf</a> <span data-size>120 kB</span></li>
 *   </ul>
 *   <ul data-skipped-files><li>{t("live.skipped.too_large")}</li></ul>    (only with files that were not kept)
 * </li>
 *
 * `attachmentUrl` is the page's `data-attachment-url` template with `{id}`; without it names show unlinked.
 */
export function renderMessage(message: MessageView, attachmentUrl?: string): HTMLLIElement {
  const li = el("li", {
    class: "message",
    "data-message-id": String(message.id),
    "data-author-kind": message.author.kind,
    "data-channel": message.channel,
    "data-visibility": message.visibility,
  });
  if (message.author.adminId !== undefined) li.dataset.authorAdminId = String(message.author.adminId);

  const meta = el("div", { class: "message-meta" });
  meta.append(
    el("strong", { "data-author": "" }, message.author.name),
    " ",
    el("span", { "data-channel-label": "" }, t(`live.channel.${message.channel}`)),
    " ",
    el("time", { datetime: message.createdAt }, formatTime(message.createdAt)),
  );
  if (message.visibility === "internal") meta.append(" ", el("span", { "data-internal": "" }, t("live.internal")));
  if (message.delivery) meta.append(" ", ...deliveryBadge(message.delivery.state, message.delivery.reason));
  const body = el("p", { "data-body": "" });
  for (const part of linkParts(message.body)) {
    body.append(part.href ? el("a", { href: part.href, rel: "noopener noreferrer nofollow ugc", target: "_blank" }, part.text) : part.text);
  }
  li.append(meta);
  if (message.alsoSentTo?.length) li.append(el("p", { "data-also-sent-to": "" }, t("live.alsoSentTo", { addresses: message.alsoSentTo.join(", ") })));
  li.append(body);

  if (message.attachments.length > 0) {
    const list = el("ul", { "data-attachments": "" });
    for (const file of message.attachments) {
      const name = attachmentUrl ? el("a", { href: attachmentUrl.replace("{id}", String(file.id)), download: file.filename }, file.filename) : el("span", {}, file.filename);
      const item = el("li");
      item.append(name, " ", el("span", { "data-size": "" }, formatSize(file.size)));
      list.append(item);
    }
    li.append(list);
  }
  if (message.skippedFiles?.length) {
    const list = el("ul", { "data-skipped-files": "" });
    for (const file of message.skippedFiles) list.append(el("li", {}, t(`live.skipped.${file.reason}`, { filename: file.filename })));
    li.append(list);
  }
  return li;
}

/** The state's badge, and why it bounced when it did (the server renders the same two spans). */
/** The side panel's file list (admin page) gains a new message's files at its top, newest first like the server's. */
export function addSideFiles(message: MessageView, attachmentUrl: string): void {
  const section = document.querySelector<HTMLElement>("[data-side-files]");
  const list = section?.querySelector("ul");
  if (!section || !list || message.attachments.length === 0) return;
  for (const file of message.attachments) {
    const item = el("li");
    item.append(
      el("a", { href: attachmentUrl.replace("{id}", String(file.id)), download: file.filename }, file.filename),
      " ",
      el("span", { class: "muted" }, formatSize(file.size)),
      " ",
      el("a", { href: `#message-${message.id}` }, t("live.inThread")),
    );
    list.prepend(item);
  }
  section.hidden = false;
}

export function deliveryBadge(state: string, reason?: string): HTMLSpanElement[] {
  const badge = el("span", { "data-delivery": state }, t(`live.delivery.${state}`));
  return reason ? [badge, el("span", { "data-bounce-reason": "" }, reason)] : [badge];
}

/** Adds the item in id order; false if that message is already shown (it came by socket and by HTTP). */
export function insertMessage(list: Element, li: HTMLLIElement): boolean {
  const id = Number(li.dataset.messageId);
  if (list.querySelector(`[data-message-id="${id}"]`)) return false;
  // New messages almost always go last, so look from the end.
  let after: Element | null = list.lastElementChild;
  while (after && Number((after as HTMLElement).dataset.messageId) > id) after = after.previousElementSibling;
  if (after) after.after(li);
  else list.prepend(li);
  return true;
}

/** Same format for server-rendered and live times, in the reader's time zone. */
/** As the server writes it (src/http/pages/format.ts formatDateTime): the company's zone, the page's date locale. */
export function formatTime(iso: string): string {
  const { timeZone, dateLocale } = document.documentElement.dataset;
  return new Intl.DateTimeFormat(dateLocale ?? locale(), { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** As the server's formatSize: bytes under a kilobyte, then kB, then MB with one decimal. */
function formatSize(bytes: number): string {
  const unit = (value: number, name: string, digits = 0) =>
    new Intl.NumberFormat(locale(), { style: "unit", unit: name, maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  if (bytes < 1024) return unit(bytes, "byte");
  if (bytes < 1024 * 1024) return unit(Math.round(bytes / 1024), "kilobyte");
  return unit(bytes / (1024 * 1024), "megabyte", 1);
}

// textContent only: message bodies and names are user input and never become HTML.
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
