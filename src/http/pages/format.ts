import type { PageText } from "../../i18n/pages";

/** The page's words, writing times in this company's zone. */
export function withTimeZone(t: PageText, timeZone: string): PageText {
  return { ...t, timeZone };
}

export function formatDateTime(t: PageText, when: string | number): string {
  return new Intl.DateTimeFormat(t.dateLocale, { dateStyle: "medium", timeStyle: "short", timeZone: t.timeZone }).format(new Date(when));
}

export function formatDate(t: PageText, when: string | number): string {
  return new Intl.DateTimeFormat(t.dateLocale, { dateStyle: "medium", timeZone: t.timeZone }).format(new Date(when));
}

/** Compact time for lists: the time alone today, the date otherwise. */
export function formatShort(t: PageText, when: string | number, now = Date.now()): string {
  const day = (at: string | number) => new Intl.DateTimeFormat("en-CA", { timeZone: t.timeZone }).format(new Date(at));
  const options: Intl.DateTimeFormatOptions = day(when) === day(now) ? { timeStyle: "short", timeZone: t.timeZone } : { day: "numeric", month: "short", timeZone: t.timeZone };
  return new Intl.DateTimeFormat(t.dateLocale, options).format(new Date(when));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
