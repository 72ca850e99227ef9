import type { CompanyScope } from "../../../db/company-scope";
import type { PageText } from "../../../i18n/pages";
import { formatDateTime, formatShort } from "../format";

type InboxRow = Awaited<ReturnType<CompanyScope["inbox"]>>["rows"][number];

/** One application in the inbox; the live client keeps its badge current and moves the row up on activity. */
export function InboxItem({ t, row, offerTitle }: { t: PageText; row: InboxRow; offerTitle: string }) {
  return (
    <li class={row.unread > 0 ? "inbox-item inbox-item--unread" : "inbox-item"} data-application-row={String(row.id)} data-status={row.status}>
      <a class="inbox-item__link" href={`/admin/applications/${row.id}`}>
        <span class="inbox-item__head">
          <span class="inbox-item__name" data-candidate-name>
            {row.candidate.name}
          </span>
          <span class="inbox-item__email">{row.candidate.email}</span>
          <time class="inbox-item__time" datetime={new Date(row.lastActivityAt).toISOString()} title={formatDateTime(t, row.lastActivityAt)}>
            {formatShort(t, row.lastActivityAt)}
          </time>
        </span>
        <span class="inbox-item__offer">
          {offerTitle}
          {row.status === "rejected" && <span class="pill pill--muted">{t.status.rejected}</span>}
        </span>
        <span class="inbox-item__preview">
          {row.lastMessageId ? (
            <>
              <span class="inbox-item__author">{row.lastMessageAuthor}: </span>
              {row.lastMessagePreview}
            </>
          ) : (
            <span class="muted">{t.inbox.noMessages}</span>
          )}
        </span>
        <span class="badge" data-unread-for-application={String(row.id)} title={t.inbox.unread(row.unread)} hidden={row.unread === 0}>
          {String(row.unread)}
        </span>
      </a>
    </li>
  );
}

/** The GET filter form: plain query parameters, so filtered views can be bookmarked and work without JS. */
export function InboxFilter(props: { t: PageText; offers: { id: number; title: string }[]; offerId?: number; status?: string }) {
  const { t } = props;
  return (
    <form class="filters" method="get" action="/admin">
      <label class="filters__field">
        <span>{t.inbox.offer}</span>
        <select name="offerId">
          <option value="">{t.inbox.allOffers}</option>
          {props.offers.map((o) => (
            <option value={String(o.id)} selected={o.id === props.offerId}>
              {o.title}
            </option>
          ))}
        </select>
      </label>
      <label class="filters__field">
        <span>{t.inbox.status}</span>
        <select name="status">
          <option value="">{t.inbox.allStatuses}</option>
          <option value="active" selected={props.status === "active"}>
            {t.status.active}
          </option>
          <option value="rejected" selected={props.status === "rejected"}>
            {t.status.rejected}
          </option>
        </select>
      </label>
      <button type="submit" class="button">
        {t.inbox.filter}
      </button>
    </form>
  );
}
