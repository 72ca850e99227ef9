import type { MessageView } from "../conversations/types";
import type { ConversationEvent } from "../live/events";
import { enhanceComposer } from "./composer";
import { HeldSends } from "./held-send";
import { LiveSocket } from "./live-socket";
import { addSideFiles, deliveryBadge, insertMessage, renderMessage } from "./render";
import { t } from "./strings";

const TYPING_SHOWN_MS = 4_000;
type Reader = Extract<ConversationEvent, { type: "read" }>["reader"];

/** One conversation page (admin or candidate), configured by its `[data-live-conversation]` element. */
export function startConversation(section: HTMLElement): void {
  const data = section.dataset;
  const role = data.role === "candidate" ? "candidate" : "admin";
  const selfAdminId = Number(data.selfAdminId) || undefined;
  const pageSize = Number(data.pageSize) || 100;
  const list = section.querySelector<HTMLElement>("[data-messages]");
  const typingSlot = section.querySelector<HTMLElement>("[data-typing]");
  const seenSlot = section.querySelector<HTMLElement>("[data-seen]");
  const statusSlot = section.querySelector<HTMLElement>("[data-live-status]");
  const readers = new Map<string, { name: string; upTo: number }>();
  let lastId = Math.max(Number(data.lastMessageId) || 0, ...[...(list?.children ?? [])].map((li) => Number((li as HTMLElement).dataset.messageId) || 0));
  let unread = true; // the first connection marks what the page showed as read
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let catchingUp: Promise<void> | null = null;

  const socket = new LiveSocket(data.liveConversation!, {
    onOpen: () => void catchUp().then(markRead),
    onStatus: (online) => showStatus(statusSlot, online),
    onFrame: (frame) => handle(frame as ConversationEvent),
  });
  const form = section.querySelector<HTMLFormElement>("form[data-send-form]");
  // A thread opens at its newest message with the reply box in view (scrolling only if it is not), unless the
  // address names a message. Not the page's bottom: on a phone the side panel comes after the composer.
  const opening = form ?? list?.lastElementChild;
  if (!location.hash && !new URLSearchParams(location.search).has("before") && opening && opening.getBoundingClientRect().bottom > window.innerHeight) {
    opening.scrollIntoView({ block: "end" });
  }
  const held = list && form?.dataset.undoMs ? new HeldSends(list) : null;
  const composer =
    form && data.sendUrl
      ? enhanceComposer(form, data.sendUrl, {
          sent: add,
          held: (scheduled, dueAt, restore) => held?.hold(scheduled, dueAt, restore),
          typing: () => socket.send({ type: "typing" }),
        })
      : null;
  document.addEventListener("visibilitychange", markRead);
  socket.start();

  function handle(frame: ConversationEvent): void {
    switch (frame.type) {
      case "message.created":
        return add(frame.message);
      case "delivery.updated":
        return showDelivery(frame.messageId, frame.delivery.state, frame.delivery.reason);
      case "typing":
        return showTyping(frame.who.name);
      case "read":
        if (!isSelf(frame.reader)) readers.set(readerKey(frame.reader), { name: frame.reader.name, upTo: frame.lastReadMessageId });
        return renderSeen();
      case "application.updated":
        section.dataset.status = frame.application.status;
        // The candidate's page swaps the form for the notice with the contact address: the server renders it.
        if (role === "candidate" && frame.application.status === "rejected") location.reload();
    }
  }

  function add(message: MessageView): void {
    if (!list) return;
    const nearBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;
    const li = renderMessage(message, data.attachmentUrl);
    if (!insertMessage(list, li)) return;
    lastId = Math.max(lastId, message.id);
    if (isMine(message)) held?.arrived(message);
    if (role === "admin" && data.attachmentUrl) addSideFiles(message, data.attachmentUrl);
    if (!isMine(message)) {
      if (message.author.kind !== "system") composer?.otherWrote(message.author.name);
      hideTyping();
      unread = true;
      markRead();
    }
    renderSeen();
    if (nearBottom && li === list.lastElementChild) li.scrollIntoView({ block: "end" });
  }

  function showDelivery(messageId: number, state: string, reason?: string): void {
    const item = list?.querySelector(`[data-message-id="${messageId}"]`);
    item?.querySelector("[data-bounce-reason]")?.remove();
    const badge = item?.querySelector("[data-delivery]");
    if (badge) badge.replaceWith(...deliveryBadge(state, reason));
    else item?.querySelector(".message-meta")?.append(" ", ...deliveryBadge(state, reason));
  }

  /** Fetches what the socket missed (`?after=<last id>`), page by page; one run at a time. */
  function catchUp(): Promise<void> {
    catchingUp ??= (async () => {
      try {
        if (!data.messagesUrl) return;
        for (;;) {
          const url = new URL(data.messagesUrl, location.href);
          url.searchParams.set("after", String(lastId));
          const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
          if (!res.ok) return;
          const { messages } = (await res.json()) as { messages: MessageView[] };
          messages.forEach(add);
          if (messages.length < pageSize) return;
        }
      } catch {
        // Offline again: the next reconnect catches up.
      } finally {
        catchingUp = null;
      }
    })();
    return catchingUp;
  }

  // Read marks only when someone is looking: a background tab has not "seen" anything. A read mark is a write, so
  // it goes to the Worker over HTTP (the socket's room only relays); the others see it as a "read" frame.
  function markRead(): void {
    if (!unread || document.visibilityState !== "visible" || !data.readUrl) return;
    unread = false;
    fetch(data.readUrl, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((res) => {
        if (!res.ok) unread = true;
      })
      .catch(() => (unread = true)); // offline: the next reconnect or visit tries again
  }

  function showTyping(name: string): void {
    if (!typingSlot) return;
    typingSlot.textContent = t("live.typing", { name });
    typingSlot.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
  }

  function hideTyping(): void {
    clearTimeout(typingTimer);
    if (typingSlot) typingSlot.hidden = true;
  }

  /** "Seen by …": the others who have read up to the latest message. */
  function renderSeen(): void {
    if (!seenSlot) return;
    const names = [...readers.values()].filter((r) => r.upTo >= lastId).map((r) => r.name);
    seenSlot.textContent = names.length ? t("live.seen", { names: names.join(", ") }) : "";
    seenSlot.hidden = names.length === 0;
  }

  function isMine(message: MessageView): boolean {
    return role === "candidate" ? message.author.kind === "candidate" : message.author.kind === "admin" && message.author.adminId === selfAdminId;
  }

  function isSelf(reader: Reader): boolean {
    return role === "candidate" ? reader.kind === "candidate" : reader.kind === "admin" && reader.adminId === selfAdminId;
  }
}

/** `[data-live-status]`: empty and hidden while connected, "reconnecting…" while not. */
export function showStatus(slot: HTMLElement | null, online: boolean): void {
  if (!slot) return;
  slot.textContent = online ? "" : t("live.reconnecting");
  slot.hidden = online;
}

function readerKey(reader: Reader): string {
  return reader.kind === "admin" ? `admin:${reader.adminId ?? reader.name}` : "candidate";
}
