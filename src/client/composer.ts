import { mentionedIn, type Teammate } from "../conversations/mentions";
import type { MessageView } from "../conversations/types";
import { enhanceMentions } from "./mentions";
import { t } from "./strings";

const TYPING_EVERY_MS = 2_000;

/**
 * The send form, enhanced: posts JSON with fetch (same origin, so the browser sends Origin and the cookie and
 * the server's CSRF check passes), shows the new message without a reload, and on failure keeps the text and
 * shows the server's own `message`. Without JavaScript the form still posts to its `action`.
 *
 * Admins' composer also switches to a note for the team (`data-note-url`, with @mentions of `data-team`), and
 * warns when someone else wrote in the conversation while a text was being typed.
 */
export function enhanceComposer(form: HTMLFormElement, sendUrl: string, hooks: { sent(message: MessageView): void; typing(): void }): { otherWrote(name: string): void } {
  const textarea = form.querySelector<HTMLTextAreaElement>("textarea[name=body]");
  if (!textarea) return { otherWrote() {} };
  const error = form.querySelector<HTMLElement>("[data-send-error]") ?? form.appendChild(errorSlot());
  const team = JSON.parse(form.dataset.team ?? "[]") as Teammate[];
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
  const labels = { placeholder: textarea.placeholder, submit: submit?.textContent ?? "" };
  const isNote = () => form.querySelector<HTMLInputElement>("input[name=kind]:checked")?.value === "note";
  const collision = document.createElement("p");
  collision.className = "composer__collision";
  collision.setAttribute("role", "status");
  collision.hidden = true;
  textarea.after(collision);
  let sending = false;
  let typingSentAt = 0;

  const showMode = () => {
    textarea.placeholder = isNote() ? t("live.notePlaceholder") : labels.placeholder;
    if (submit) submit.textContent = isNote() ? t("live.noteSend") : labels.submit;
  };
  form.querySelectorAll("input[name=kind]").forEach((radio) => radio.addEventListener("change", showMode));
  showMode();
  if (team.length > 0) enhanceMentions(textarea, team, isNote);
  const fileInput = form.querySelector<HTMLInputElement>("input[type=file][name=files]");
  // Choosing a template puts its text, already filled in for this candidate by the page, in the box to read and
  // change first.
  const templates = form.querySelector<HTMLSelectElement>("select[name=templateId]");
  templates?.addEventListener("change", () => {
    const chosen = (JSON.parse(templates.dataset.templates ?? "[]") as { id: number; body: string }[]).find((tpl) => String(tpl.id) === templates.value);
    // A half-written message is not thrown away without asking.
    if (chosen && (textarea.value.trim() === "" || textarea.value === chosen.body || window.confirm(t("live.replaceDraft")))) textarea.value = chosen.body;
    templates.value = "";
    textarea.focus();
  });

  textarea.addEventListener("input", () => {
    // A note is the team's: the candidate must not even see that someone is typing.
    if (isNote() || Date.now() - typingSentAt < TYPING_EVERY_MS) return;
    typingSentAt = Date.now();
    hooks.typing();
  });
  // Ctrl/Cmd+Enter sends, as in most chat and mail clients; plain Enter is a new line in a letter-like message.
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  form.addEventListener("submit", async (event) => {
    // Sending later goes as the plain form: the server reads the time in the company's zone and shows the plan.
    if (!isNote() && form.querySelector<HTMLInputElement>("input[name=sendAt]")?.value) return;
    event.preventDefault();
    const body = textarea.value;
    const note = isNote();
    const files = note ? [] : [...(fileInput?.files ?? [])];
    if (sending || (body.trim() === "" && files.length === 0)) return;
    sending = true;
    form.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(note && form.dataset.noteUrl ? form.dataset.noteUrl : sendUrl, {
        method: "POST",
        credentials: "same-origin",
        ...(files.length > 0
          ? { headers: { Accept: "application/json" }, body: withFiles(body, files) }
          : { headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(note ? { body, mentions: mentionedIn(body, team) } : { body }) }),
      });
      const data = (await res.json().catch(() => null)) as { message?: MessageView | string; error?: string; placeholder?: string } | null;
      if (res.ok && data && typeof data.message === "object") {
        if (textarea.value === body) textarea.value = "";
        if (fileInput) fileInput.value = "";
        showError(error, "");
        textarea.removeAttribute("aria-invalid");
        collision.hidden = true;
        hooks.sent(data.message);
      } else {
        // The API words its errors in English; the page's own words, where it has them, are the reader's language.
        const key = `live.error.${data?.error}`;
        const words = t(key, { placeholder: data?.placeholder ?? "" });
        showError(error, words !== key ? words : typeof data?.message === "string" ? data.message : t("live.sendFailed"));
        textarea.setAttribute("aria-invalid", "true");
      }
    } catch {
      showError(error, t("live.sendFailed")); // offline: the text stays, the user can try again
    } finally {
      sending = false;
      form.removeAttribute("aria-busy");
    }
  });

  return {
    // Only while there is a draft: with nothing typed, the new message simply shows in the thread.
    otherWrote(name: string) {
      if (textarea.value.trim() === "") return;
      collision.textContent = t("live.collision", { name });
      collision.hidden = false;
    },
  };
}

function withFiles(body: string, files: File[]): FormData {
  const data = new FormData();
  data.append("body", body);
  for (const file of files) data.append("files", file);
  return data;
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
