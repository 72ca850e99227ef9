import type { Teammate } from "../../../conversations/mentions";
import type { PageText } from "../../../i18n/pages";
import { MAX_DECLINE_REASON } from "../../../conversations/erasure-requests";
import { formatSize } from "../format";
import { Address } from "./address";

interface CandidateDetailsProps {
  t: PageText;
  application: {
    id: number;
    status: "active" | "rejected";
    source: "applied" | "manual";
    candidate: { name: string; email: string };
    offer: { id: number; title: string };
    assigneeId: number | null;
  };
  team: Teammate[];
  /** The conversation's files, newest first (a CV at a glance). */
  files: { id: number; filename: string; size: number; messageId: number }[];
  candidateLink: string;
  /** The candidate's open erasure request, its dates as the page writes them. */
  erasureRequest: { requestedOn: string; confirmedOn: string | null } | null;
  /** What the panel's last action did (a new link, a declined request), said once after its redirect. */
  notice: { tone: "success" | "error"; text: string; at: "link" | "personalData" } | null;
}

/** The side panel of a conversation: who the candidate is, their link to copy, reject / reopen, and their data. */
export function CandidateDetails({ t, application: a, team, files, candidateLink, erasureRequest, notice }: CandidateDetailsProps) {
  return (
    <section class="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t.conversation.details}</h2>

      <dl class="details">
        <dt>{t.conversation.name}</dt>
        <dd>{a.candidate.name}</dd>
        <dt>{t.conversation.email}</dt>
        <dd>
          <a href={`mailto:${a.candidate.email}`}>
            <Address email={a.candidate.email} />
          </a>
        </dd>
        <dt>{t.conversation.offer}</dt>
        <dd>
          <a href={`/admin/offers/${a.offer.id}`}>{a.offer.title}</a>
        </dd>
        <dt>{t.conversation.source}</dt>
        <dd>{t.source[a.source]}</dd>
        <dt>{t.conversation.status}</dt>
        <dd>
          <span class={`pill pill--${a.status}`} data-application-status>
            {t.status[a.status]}
          </span>
        </dd>
      </dl>
      {/* Rendered when empty too (hidden), so a file that arrives live has a place to appear. */}
      <section class="side-files" aria-labelledby="side-files-title" data-side-files hidden={files.length === 0}>
        <h3 id="side-files-title">{t.conversation.attachments}</h3>
        <ul>
          {files.map((f) => (
            <li>
              <a href={`/admin/attachments/${f.id}`} download={f.filename}>
                {f.filename}
              </a>{" "}
              <span class="muted">{formatSize(f.size)}</span> <a href={`#message-${f.messageId}`}>{t.conversation.inThread}</a>
            </li>
          ))}
        </ul>
      </section>
      <form method="post" action={`/admin/applications/${a.id}/assignee`} class="field assignee-form" data-assignee-form={`/api/applications/${a.id}`}>
        <label for="assignee">{t.notes.assignee}</label>
        <div class="assignee-form__row">
          <select id="assignee" name="assigneeId">
            <option value="" selected={a.assigneeId === null}>
              {t.notes.nobody}
            </option>
            {team.map((mate) => (
              <option value={String(mate.id)} selected={a.assigneeId === mate.id}>
                {mate.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button">
            {t.notes.assign}
          </button>
        </div>
      </form>
      <div class="field">
        <label for="candidate-link">{t.conversation.candidateLink}</label>
        <input id="candidate-link" class="copyable" type="text" readonly value={candidateLink} aria-describedby="candidate-link-hint" />
        <p class="field__hint" id="candidate-link-hint">
          {t.conversation.candidateLinkHint}
        </p>
        {notice?.at === "link" && <PanelNotice notice={notice} />}
        {/* Folded: the click voids the link the candidate uses now, so it is two steps, with what follows in between. */}
        <details class="new-link">
          <summary>{t.conversation.newLink}…</summary>
          <form method="post" action={`/admin/applications/${a.id}/new-link`} class="stack">
            <p class="field__hint">{t.conversation.newLinkHint}</p>
            <div>
              <button type="submit" class="button">
                {t.conversation.newLink}
              </button>
            </div>
          </form>
        </details>
      </div>
      {a.status === "active" ? (
        <form method="get" action={`/admin/applications/${a.id}/reject`} class="status-form">
          <button type="submit" class="button button--danger">
            {t.conversation.reject}
          </button>
          <p class="field__hint">{t.conversation.rejectHint}</p>
        </form>
      ) : (
        <form method="post" action={`/admin/applications/${a.id}/reopen`} class="status-form">
          <button type="submit" class="button">
            {t.conversation.reopen}
          </button>
        </form>
      )}
      <section class="personal-data" aria-labelledby="personal-data-title">
        <h3 id="personal-data-title">{t.personalData.title}</h3>
        {notice?.at === "personalData" && <PanelNotice notice={notice} />}
        {erasureRequest && (
          <div class="banner stack" data-erasure-requested>
            <p>{t.personalData.requested(erasureRequest.requestedOn)}</p>
            <p data-erasure-confirmed={erasureRequest.confirmedOn ? "" : undefined}>
              {erasureRequest.confirmedOn ? t.personalData.confirmedOn(erasureRequest.confirmedOn) : t.personalData.unconfirmed}
            </p>
            <details open={notice?.tone === "error" && notice.at === "personalData" ? true : undefined}>
              <summary>{t.personalData.decline}</summary>
              <form method="post" action={`/admin/applications/${a.id}/erasure-request/decline`} class="stack">
                <label for="decline-reason">{t.personalData.declineReason}</label>
                <textarea id="decline-reason" name="reason" rows={3} required maxlength={MAX_DECLINE_REASON} aria-describedby="decline-reason-hint" />
                <p class="field__hint" id="decline-reason-hint">
                  {t.personalData.declineHint}
                </p>
                <button type="submit" class="button">
                  {t.personalData.declineSubmit}
                </button>
              </form>
            </details>
          </div>
        )}
        <p>
          <a class="button" href={`/api/applications/${a.id}/export`} download>
            {t.personalData.download}
          </a>
        </p>
        <p class="field__hint">{t.personalData.downloadHint}</p>
        <p>
          <a class="button button--danger" href={`/admin/applications/${a.id}/erase`}>
            {t.personalData.erase}
          </a>
        </p>
      </section>
    </section>
  );
}

/** What the panel's last action did, next to where it was done (the redirect's anchor scrolls there). */
function PanelNotice({ notice }: { notice: NonNullable<CandidateDetailsProps["notice"]> }) {
  return (
    <p class={`alert alert--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"} data-panel-notice>
      {notice.text}
    </p>
  );
}
