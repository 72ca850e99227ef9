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

/** A near day, short: "so 5. 12.", "Sat 5 Dec". */
export function formatDay(t: PageText, when: number): string {
  return new Intl.DateTimeFormat(t.dateLocale, { weekday: "short", day: "numeric", month: "short", timeZone: t.timeZone }).format(new Date(when));
}

/** 8:00 tomorrow in `timeZone` (the recruiter's "first thing tomorrow"), as epoch milliseconds. */
export function tomorrowMorning(timeZone: string, now = Date.now()): number {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone }).format(now).split("-").map(Number);
  const tomorrow = new Date(Date.UTC(year!, month! - 1, day! + 1)).toISOString().slice(0, 10);
  return wallClockToEpoch(`${tomorrow}T08:00`, timeZone)!;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A `datetime-local` value ("2026-12-05T09:00") read as a wall-clock time in `timeZone`, as epoch milliseconds;
 * null when it is not such a value. (The offset at the guessed instant, asked twice, settles DST edges.)
 */
export function wallClockToEpoch(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(at);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(at / 1000) * 1000;
  };
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}
