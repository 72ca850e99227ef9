import { system as cs } from "./cs/system";
import { system as en } from "./en/system";
import type { Locale } from "../conversations/types";

export function system(locale: Locale) {
  return locale === "cs" ? cs : en;
}
