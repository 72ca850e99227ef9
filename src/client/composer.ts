import { mentionedIn, type Teammate } from "../conversations/mentions";
import type { MessageView, ScheduledView } from "../conversations/types";
import { enhanceMentions } from "./mentions";
import { t } from "./strings";

const TYPING_EVERY_MS = 2_000;

/**
 * The send form, enhanced: posts JSON with fetch (same origin, so the browser sends Origin and the cookie and
 * the server's CSRF check passes), shows the new message without a reload, and on failure keeps the text and
 * shows the server's own `message`. Without JavaScript the form still posts to its `action`.
 *
 * Admins' composer also switches to a note for the team (`data-note-url`, with @mentions of `data-team`), and
 * warns when someone else wrote in the conversation while a text was being typed. It holds a message a few seconds
 * (`data-undo-ms`) as a scheduled one, so that it can be taken back: `held` gets it, and the way to restore it.
 */
export function enhanceComposer(
  form: HTMLFormElement,
  sendUrl: string,
  hooks: { sent(message: MessageView): void; held(scheduled: ScheduledView, dueAt: number, restore: () => void): void; typing(): void },
): { otherWrote(name: string): void } {
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
  const holdMs = Number(form.dataset.undoMs) || 0;
  // The server's clock minus ours, so a held send is due a few seconds ahead by the server's reckoning.
  const skew = form.dataset.serverNow ? Number(form.dataset.serverNow) - Date.now() : 0;
  const laterInput = form.querySelector<HTMLInputElement>("input[name=sendAt]");

  const showMode = () => {
    textarea.placeholder = isNote() ? t("live.notePlaceholder") : labels.placeholder;
    if (submit) submit.textContent = isNote() ? t("live.noteSend") : laterInput?.value ? t("live.schedule") : labels.submit;
  };
  form.querySelectorAll("input[name=kind]").forEach((radio) => radio.addEventListener("change", showMode));
  laterInput?.addEventListener("input", showMode);
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
    // Sending later (a chosen time, or tomorrow morning) goes as the plain form: the server reads the time in the
    // company's zone and shows the plan.
    if (!isNote() && (event.submitter?.getAttribute("name") === "later" || laterInput?.value)) return;
    event.preventDefault();
    const body = textarea.value;
    const note = isNote();
    const files = note ? [] : [...(fileInput?.files ?? [])];
    if (sending || (body.trim() === "" && files.length === 0)) return;
    // A note reaches nobody outside the team: it is not held.
    const dueAt = !note && holdMs > 0 ? Date.now() + holdMs : null;
    const fields: Record<string, number> = dueAt === null ? {} : { sendAt: dueAt + skew };
    sending = true;
    form.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(note && form.dataset.noteUrl ? form.dataset.noteUrl : sendUrl, {
        method: "POST",
        credentials: "same-origin",
        ...(files.length > 0
          ? { headers: { Accept: "application/json" }, body: withFiles(body, files, fields) }
          : {
              headers: { "Content-Type": "application/json", Accept: "application/json" },
              body: JSON.stringify(note ? { body, mentions: mentionedIn(body, team) } : { body, ...fields }),
            }),
      });
      const data = (await res.json().catch(() => null)) as { message?: MessageView | string; scheduled?: ScheduledView; error?: string; placeholder?: string } | null;
      const done = res.ok && data && (typeof data.message === "object" || data.scheduled);
      if (done) {
        if (textarea.value === body) textarea.value = "";
        if (fileInput) fileInput.value = "";
        showError(error, "");
        textarea.removeAttribute("aria-invalid");
        collision.hidden = true;
      }
      if (done && typeof data.message === "object") hooks.sent(data.message);
      else if (done && data.scheduled && dueAt !== null) hooks.held(data.scheduled, dueAt, () => restore(body, files));
      else if (!done) {
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

  /** An undone send: its text goes back in the box (before anything typed since), its files in the file field. */
  function restore(body: string, files: File[]): void {
    textarea!.value = textarea!.value.trim() === "" ? body : `${body}\n\n${textarea!.value}`;
    if (fileInput && files.length > 0) {
      const chosen = new DataTransfer();
      for (const file of files) chosen.items.add(file);
      fileInput.files = chosen.files;
      fileInput.dispatchEvent(new Event("change", { bubbles: true }));
    }
    showError(error, t("live.undone"));
    error.classList.add("field__error--info");
    textarea!.focus();
  }

  return {
    // Only while there is a draft: with nothing typed, the new message simply shows in the thread.
    otherWrote(name: string) {
      if (textarea.value.trim() === "") return;
      collision.textContent = t("live.collision", { name });
      collision.hidden = false;
    },
  };
}

function withFiles(body: string, files: File[], fields: Record<string, string | number>): FormData {
  const data = new FormData();
  data.append("body", body);
  for (const [name, value] of Object.entries(fields)) data.append(name, String(value));
  for (const file of files) data.append("files", file);
  return data;
}

function showError(slot: HTMLElement, text: string): void {
  slot.classList.remove("field__error--info");
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
