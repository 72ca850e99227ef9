/**
 * Bulk actions. In the inbox (`form[data-bulk-select]`): how many rows are ticked, "select all", and no submit
 * with none. On the bulk page (`form[data-bulk-form]`, the API's address): the action goes to the API in slices,
 * so a long selection shows its progress and each conversation its result as it comes; the failed ones stay in
 * the form for another try. Its words come from the page (`data-bulk-text`).
 */
import { locale } from "./strings";

const SLICE = 10;

interface BulkText {
  ok: string;
  failed: string;
  progress: string;
  result: string;
  retry: string;
  reasons: Record<string, string>;
}

export function enhanceBulkSelect(form: HTMLFormElement): void {
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[name="applicationIds"][form="${form.id}"]`)];
  const all = form.querySelector<HTMLInputElement>("[data-bulk-all]");
  const count = form.querySelector<HTMLElement>("[data-bulk-count]");
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!all || !count || !button) return;
  all.closest("label")?.removeAttribute("hidden");
  const update = () => {
    const ticked = boxes().filter((b) => b.checked).length;
    const form = new Intl.PluralRules(locale()).select(ticked);
    const template = (form === "one" ? count.dataset.one : form === "few" ? count.dataset.few : count.dataset.many) ?? "";
    count.textContent = ticked > 0 ? template.replace("{n}", String(ticked)) : "";
    button.disabled = ticked === 0;
    all.checked = ticked > 0 && ticked === boxes().length;
    all.indeterminate = ticked > 0 && !all.checked;
  };
  all.addEventListener("change", () => {
    for (const box of boxes()) box.checked = all.checked;
    update();
  });
  // Rows come and go live (company.ts keeps a ticked row ticked and says so with a change event).
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.getAttribute("form") === form.id) update();
  });
  update();
}

export function enhanceBulkForm(form: HTMLFormElement): void {
  const text = JSON.parse(form.dataset.bulkText ?? "{}") as BulkText;
  const progress = document.querySelector<HTMLProgressElement>("[data-bulk-progress]");
  const summary = document.querySelector<HTMLElement>("[data-bulk-summary]");
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (button?.disabled) return;
    const data = new FormData(form);
    const ids = data.getAll("applicationIds").map(Number);
    const body = String(data.get("body") ?? "");
    const templateId = String(data.get("templateId") ?? "");
    const action = data.get("action") === "reject" ? "reject" : "message";
    const payload = { action, ...(templateId ? { templateId: Number(templateId) } : body.trim() ? { body } : {}) };
    // Nothing to send: the page says so by the field, in its own words.
    if (action === "message" && !("body" in payload) && !("templateId" in payload)) return form.submit();
    if (button) button.disabled = true;
    if (progress) {
      progress.hidden = false;
      progress.max = ids.length;
      progress.value = 0;
    }
    const failed = new Map<number, string>();
    let handled = 0;
    for (let i = 0; i < ids.length; i += SLICE) {
      const slice = ids.slice(i, i + SLICE);
      const answer = await send(form.dataset.bulkForm!, { ...payload, applicationIds: slice });
      // Refused as a whole before anything was done (a template gone): the page words it by its field.
      if (answer === "refused" && handled === 0) return form.submit();
      for (const id of slice) {
        const error = typeof answer === "string" ? "other" : answer.get(id);
        if (error) failed.set(id, error);
        mark(id, error);
      }
      handled += slice.length;
      if (progress) progress.value = handled;
      say(text.progress.replace("{done}", String(handled)).replace("{total}", String(ids.length)), "info");
    }
    if (progress) progress.hidden = true;
    say(text.result.replace("{done}", String(ids.length - failed.size)).replace("{total}", String(ids.length)), failed.size ? "error" : "success");
    if (failed.size === 0) return form.remove();
    // Only the failed ones stay, for another try with the same text.
    form.querySelectorAll<HTMLInputElement>('input[name="applicationIds"]').forEach((input) => {
      if (!failed.has(Number(input.value))) input.remove();
    });
    if (button) {
      button.textContent = text.retry;
      button.disabled = false;
    }
  });

  function mark(id: number, error: string | undefined): void {
    const item = document.querySelector<HTMLElement>(`[data-bulk-item="${id}"]`);
    if (!item) return;
    item.dataset.outcome = error ? "failed" : "done";
    const outcome = item.querySelector<HTMLElement>("[data-bulk-outcome]");
    if (outcome) outcome.textContent = error ? `${text.failed}: ${text.reasons[error] ?? text.reasons.other}` : text.ok;
  }

  function say(words: string, tone: "info" | "success" | "error"): void {
    if (!summary) return;
    const alert = document.createElement("div");
    alert.className = `alert alert--${tone}`;
    alert.setAttribute("role", tone === "error" ? "alert" : "status");
    alert.textContent = words;
    summary.replaceChildren(alert);
  }
}

/** One slice's answer: each failed id with its error code, "refused" (400: nothing done), or "error". */
async function send(url: string, payload: object): Promise<Map<number, string> | "refused" | "error"> {
  try {
    const res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    });
    if (res.status === 400) return "refused";
    if (!res.ok) return "error";
    const result = (await res.json()) as { failed: { id: number; error: string }[] };
    return new Map(result.failed.map((f) => [f.id, f.error]));
  } catch {
    return "error";
  }
}
