import { t } from "./strings";

/**
 * The assignee picker, enhanced: it saves with PATCH instead of reloading the page, so a half-typed message in
 * the composer stays. Without JavaScript the form still posts to its `action`.
 */
export function enhanceAssignee(form: HTMLFormElement, url: string): void {
  const select = form.querySelector<HTMLSelectElement>("select[name=assigneeId]");
  if (!select) return;
  const status = document.createElement("p");
  status.className = "field__hint";
  status.setAttribute("role", "status");
  form.append(status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.setAttribute("aria-busy", "true");
    try {
      const res = await fetch(url, {
        method: "PATCH",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ assigneeId: select.value === "" ? null : Number(select.value) }),
      });
      const data = (await res.json().catch(() => null)) as { message?: string } | null;
      status.textContent = res.ok ? t("live.assigned") : (data?.message ?? t("live.sendFailed"));
    } catch {
      status.textContent = t("live.sendFailed");
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}
