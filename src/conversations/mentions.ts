/**
 * Who a note mentions, read from its text: "@" followed by an admin's full name (as the composer's autocomplete
 * inserts it) or by their first name when no colleague shares it. Case and accents don't matter. Pure; the
 * page's form and the live composer both use it, so a note mentions the same people however it was sent.
 */
export interface Teammate {
  id: number;
  name: string;
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function mentionedIn(text: string, team: Teammate[]): number[] {
  const folded = fold(text);
  const firstNames = new Map<string, number[]>();
  for (const mate of team) {
    const first = fold(mate.name).split(/\s+/)[0] ?? "";
    firstNames.set(first, [...(firstNames.get(first) ?? []), mate.id]);
  }
  const found = new Set<number>();
  for (const mate of team) {
    const full = fold(mate.name);
    const first = full.split(/\s+/)[0] ?? "";
    const unique = firstNames.get(first)?.length === 1;
    if (mentions(folded, full) || (unique && first && mentions(folded, first))) found.add(mate.id);
  }
  return [...found];
}

/** "@name" stands in the text as a whole: nothing of a word right before the "@" or right after the name. */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(`@${name}`); at >= 0; at = text.indexOf(`@${name}`, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + 1 + name.length] ?? " ";
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}
