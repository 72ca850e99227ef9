import type { PageText } from "../../i18n/pages";

/** Companies have no time zone of their own yet; the product serves Czech companies (as the emails do). */
const TIME_ZONE = "Europe/Prague";

export function formatDateTime(t: PageText, when: string | number): string {
  return new Intl.DateTimeFormat(t.dateLocale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(when));
}

export function formatDate(t: PageText, when: string | number): string {
  return new Intl.DateTimeFormat(t.dateLocale, { dateStyle: "medium", timeZone: TIME_ZONE }).format(new Date(when));
}

/** Compact time for lists: the time alone today, the date otherwise. */
export function formatShort(t: PageText, when: string | number, now = Date.now()): string {
  const day = (at: string | number) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date(at));
  const options: Intl.DateTimeFormatOptions = day(when) === day(now) ? { timeStyle: "short", timeZone: TIME_ZONE } : { day: "numeric", month: "short", timeZone: TIME_ZONE };
  return new Intl.DateTimeFormat(t.dateLocale, options).format(new Date(when));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
