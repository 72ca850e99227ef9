import type { CompanyScope } from "../../../db/company-scope";
import type { PageText } from "../../../i18n/pages";
import { formatDateTime, formatShort } from "../format";

type InboxRow = Awaited<ReturnType<CompanyScope["inbox"]>>["rows"][number];

/** One application in the inbox; the live client keeps its badge current and moves the row up on activity. */
export function InboxItem({ t, row, offerTitle }: { t: PageText; row: InboxRow; offerTitle: string }) {
  // System lines are internal too, but nobody's note: they read as what happened.
  const note = row.lastMessageVisibility === "internal" && row.lastMessageAuthorKind !== "system";
  return (
    <li class={row.unread > 0 ? "inbox-item inbox-item--unread" : "inbox-item"} data-application-row={String(row.id)} data-status={row.status}>
      {/* Outside the link, in the inbox's bulk form (see BulkBar), so ticking a row never opens it. */}
      <input type="checkbox" class="inbox-item__select" name="applicationIds" value={String(row.id)} form={BULK_FORM} aria-label={t.bulk.select(row.candidate.name)} />
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
          {row.status === "active" && row.waitingOn === "company" && <span class="pill pill--waiting">{t.queues.waitingOnUsPill}</span>}
          {row.assigneeName && <span class="inbox-item__assignee">{t.queues.assignee(row.assigneeName)}</span>}
        </span>
        <span class="inbox-item__preview" data-note-preview={note ? "" : undefined}>
          {row.lastMessageId ? (
            <>
              {note && <span class="inbox-item__note">{t.inbox.note}</span>}
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

const BULK_FORM = "bulk-form";

/** The ticked rows go to the bulk page (a GET, so it only shows whom the action reaches before anything is done). */
export function BulkBar({ t }: { t: PageText }) {
  return (
    <form id={BULK_FORM} class="bulk-bar" method="get" action="/admin/bulk" data-bulk-select>
      <label class="bulk-bar__all" hidden>
        <input type="checkbox" data-bulk-all /> {t.bulk.selectAll}
      </label>
      <span
        class="bulk-bar__count muted"
        data-bulk-count
        aria-live="polite"
        data-one={t.bulk.selected(1)}
        data-few={t.bulk.selected(2).replace("2", "{n}")}
        data-many={t.bulk.selected(5).replace("5", "{n}")}
      ></span>
      <button type="submit" class="button">
        {t.bulk.open}
      </button>
    </form>
  );
}

export type Queue = "all" | "mine" | "unassigned" | "waitingOnUs" | "waitingOnCandidate";

/** The query each queue stands for (what the JSON API's filters are too). */
export const QUEUES: Record<Queue, Record<string, string>> = {
  all: {},
  mine: { assignee: "me" },
  unassigned: { assignee: "none" },
  waitingOnUs: { waitingOn: "company", status: "active" },
  waitingOnCandidate: { waitingOn: "candidate", status: "active" },
};

/** The queues as tabs with their counts; links, so each is a bookmarkable view that works without JS. */
export function QueueTabs({ t, current, counts }: { t: PageText; current: Queue | null; counts: Record<Exclude<Queue, "all">, number> }) {
  return (
    <nav class="queues" aria-label={t.queues.label} data-queues-url="/admin/queues">
      {(Object.keys(QUEUES) as Queue[]).map((queue) => (
        <a href={`/admin${Object.keys(QUEUES[queue]).length ? `?${new URLSearchParams(QUEUES[queue])}` : ""}`} aria-current={queue === current ? "page" : undefined}>
          {t.queues[queue]}
          {queue !== "all" && <span class="queues__count">{String(counts[queue])}</span>}
        </a>
      ))}
    </nav>
  );
}

/** The GET filter form: plain query parameters, so filtered views can be bookmarked and work without JS. */
export function InboxFilter(props: { t: PageText; offers: { id: number; title: string }[]; offerId?: number; status?: string; keep?: Record<string, string> }) {
  const { t } = props;
  return (
    <form class="filters" method="get" action="/admin">
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
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
