import type { Context } from "hono";
import { DomainError } from "../../conversations/errors";
import type { PageText } from "../../i18n/pages";
import { NoticePage } from "./components/public-frame";
import { visitorText } from "./locale";
import { render } from "./render";

/** Missing, revoked or another company's: the same page, as the API answers the same 404. */
export function notFoundPage(c: Context, t: PageText = visitorText(c), body?: string) {
  return render(
    c,
    <NoticePage t={t} title={t.common.notFoundTitle}>
      <p>{body ?? t.common.notFoundBody}</p>
    </NoticePage>,
    404,
  );
}

/** onError of the pages: a page in the visitor's language instead of the API's JSON. */
export function pageError(err: Error, c: Context) {
  if (err instanceof DomainError && err.code === "not_found") return notFoundPage(c);
  console.error("unhandled error on a page", err);
  const t = visitorText(c);
  return render(
    c,
    <NoticePage t={t} title={t.common.errorTitle}>
      <p>{t.common.errorBody}</p>
    </NoticePage>,
    500,
  );
}
