import type { PageText } from "../../../i18n/pages";

/** Two buttons in a plain form: works without JavaScript, and the cookie it sets beats Accept-Language. */
export function LangSwitch({ t, next }: { t: PageText; next: string }) {
  return (
    <form class="lang-switch" method="post" action="/lang" aria-label={t.common.language}>
      <input type="hidden" name="next" value={next} />
      <button type="submit" name="lang" value="cs" lang="cs" aria-pressed={t.htmlLang === "cs" ? "true" : "false"}>
        CS
      </button>
      <button type="submit" name="lang" value="en" lang="en" aria-pressed={t.htmlLang === "en" ? "true" : "false"}>
        EN
      </button>
    </form>
  );
}
