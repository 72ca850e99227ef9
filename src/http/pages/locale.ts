import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Locale } from "../../conversations/types";
import { isLocale, pageText, pickLocale, type PageText } from "../../i18n/pages";
import type { AppContext } from "../types";
import { formFields, safeNext } from "./forms";

export const LANG_COOKIE = "lang";

/** The language of admin-facing and anonymous pages (candidate-facing pages use the company's locale instead). */
export function visitorText(c: Context, fallback: Locale = "cs"): PageText {
  return pageText(pickLocale(getCookie(c, LANG_COOKIE), c.req.header("Accept-Language"), fallback));
}

/** The language switch: a plain form, so it works without JavaScript; the choice is remembered for a year. */
export const languageSwitch = new Hono<AppContext>().post("/lang", async (c) => {
  const fields = await formFields(c);
  if (isLocale(fields.lang)) {
    setCookie(c, LANG_COOKIE, fields.lang, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 60 * 60 });
  }
  return c.redirect(safeNext(fields.next, c.env.APP_URL), 303);
});
