import type { MessageView } from "../conversations/types";
import { t } from "./strings";

const TYPING_EVERY_MS = 2_000;

/**
 * The send form, enhanced: posts JSON with fetch (same origin, so the browser sends Origin and the cookie and
 * the server's CSRF check passes), shows the new message without a reload, and on failure keeps the text and
 * shows the server's own `message`. Without JavaScript the form still posts to its `action`.
 */
export function enhanceComposer(form: HTMLFormElement, sendUrl: string, hooks: { sent(message: MessageView): void; typing(): void }): void {
  const textarea = form.querySelector<HTMLTextAreaElement>("textarea[name=body]");
  if (!textarea) return;
  const error = form.querySelector<HTMLElement>("[data-send-error]") ?? form.appendChild(errorSlot());
  let sending = false;
  let typingSentAt = 0;

  textarea.addEventListener("input", () => {
    if (Date.now() - typingSentAt < TYPING_EVERY_MS) return;
    typingSentAt = Date.now();
    hooks.typing();
  });
  // Ctrl/Cmd+Enter sends, as in most chat and mail clients; plain Enter is a new line in a letter-like message.
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = textarea.value;
    if (sending || body.trim() === "") return;
    sending = true;
    form.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(sendUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ body }),
      });
      const data = (await res.json().catch(() => null)) as { message?: MessageView | string } | null;
      if (res.ok && data && typeof data.message === "object") {
        if (textarea.value === body) textarea.value = "";
        showError(error, "");
        hooks.sent(data.message);
      } else {
        showError(error, typeof data?.message === "string" ? data.message : t("live.sendFailed"));
      }
    } catch {
      showError(error, t("live.sendFailed")); // offline: the text stays, the user can try again
    } finally {
      sending = false;
      form.removeAttribute("aria-busy");
    }
  });
}

function showError(slot: HTMLElement, text: string): void {
  slot.textContent = text;
  slot.hidden = text === "";
}

function errorSlot(): HTMLElement {
  const slot = document.createElement("p");
  slot.setAttribute("data-send-error", "");
  slot.setAttribute("role", "alert");
  slot.hidden = true;
  return slot;
}
