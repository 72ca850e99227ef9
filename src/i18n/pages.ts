import type { Locale } from "../conversations/types";
import { pages as cs } from "./cs/pages";
import { pages as en } from "./en/pages";

export type PageText = typeof cs;

export const LOCALES: readonly Locale[] = ["cs", "en"];

export function pageText(locale: Locale): PageText {
  return locale === "cs" ? cs : en;
}

export function isLocale(value: unknown): value is Locale {
  return value === "cs" || value === "en";
}

/**
 * The admin's language: an explicit choice (the `lang` cookie) wins, then the browser's Accept-Language in its
 * order of preference, then the fallback (the company's locale when known). Slovak readers get Czech, which they
 * read natively, rather than English.
 */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { lang } of ranked) {
    if (lang === "cs" || lang === "sk") return "cs";
    if (lang === "en") return "en";
  }
  return fallback;
}
