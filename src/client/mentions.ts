import type { Teammate } from "../conversations/mentions";
import { t } from "./strings";

/**
 * @mention autocomplete in a textarea: typing "@" and letters lists the colleagues whose name fits. A combobox by
 * keyboard too: ↓/↑ move, Enter or Tab inserts "@Full Name ", Escape closes. The textarea keeps focus throughout.
 */
export function enhanceMentions(textarea: HTMLTextAreaElement, team: Teammate[], active: () => boolean): void {
  const list = document.createElement("ul");
  list.className = "mention-list";
  list.id = `${textarea.id}-mentions`;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", t("live.mentionSuggestions"));
  list.hidden = true;
  textarea.after(list);
  textarea.setAttribute("aria-controls", list.id);
  textarea.setAttribute("aria-autocomplete", "list");
  let matches: Teammate[] = [];
  let selected = 0;
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  const query = (): { start: number; text: string } | null => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]*(?: [\p{L}\p{N}_]*)?)$/u.exec(before);
    return match ? { start: before.length - (match[2]?.length ?? 0) - 1, text: match[2] ?? "" } : null;
  };
  const close = () => {
    list.hidden = true;
    textarea.removeAttribute("aria-activedescendant");
    matches = [];
  };
  const show = () => {
    list.replaceChildren(
      ...matches.map((mate, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${mate.id}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(i === selected));
        li.textContent = mate.name;
        li.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep the textarea's focus and caret
          choose(mate);
        });
        return li;
      }),
    );
    list.hidden = matches.length === 0;
    const current = matches[selected];
    if (current) textarea.setAttribute("aria-activedescendant", `${list.id}-${current.id}`);
  };
  const choose = (mate: Teammate) => {
    const q = query();
    if (!q) return close();
    const end = textarea.selectionStart;
    textarea.setRangeText(`@${mate.name} `, q.start, end, "end");
    close();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };

  textarea.addEventListener("input", () => {
    const q = active() ? query() : null;
    if (!q) return close();
    const wanted = fold(q.text);
    matches = team
      .filter((mate) =>
        fold(mate.name)
          .split(/\s+/)
          .some((_, i, parts) => parts.slice(i).join(" ").startsWith(wanted)),
      )
      .slice(0, 8);
    selected = 0;
    show();
  });
  textarea.addEventListener("keydown", (event) => {
    if (list.hidden || matches.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      selected = (selected + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      show();
    } else if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
      event.preventDefault();
      event.stopImmediatePropagation();
      const mate = matches[selected];
      if (mate) choose(mate);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  textarea.addEventListener("blur", close);
}
