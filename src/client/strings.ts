/**
 * Every word the client shows comes from the page, so Czech and English stay in the one server-side dictionary:
 * `<script type="application/json" id="i18n">{"live.typing": "{name} is typing…", …}</script>`.
 * A missing key shows itself (a visible bug), never a hard-coded English fallback.
 */
let dictionary: Record<string, string> | null = null;

export function t(key: string, values: Record<string, string | number> = {}): string {
  dictionary ??= load();
  const template = dictionary[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function load(): Record<string, string> {
  try {
    return JSON.parse(document.getElementById("i18n")?.textContent ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

/** The page's language (`<html lang>`), for dates and sizes formatted like the server formats them. */
export function locale(): string | undefined {
  return document.documentElement.lang || undefined;
}
