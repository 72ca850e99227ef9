import type { Context } from "hono";
import { candidateLinkFor } from "../../../conversations/candidate-link";
import { scheduledView } from "../../../conversations/scheduled";
import { templatesFilledFor } from "../../../conversations/templates";
import { candidateAddressBounced } from "../../../db/bounces";
import { applicationFiles } from "../../../db/attachments";
import { pendingScheduled } from "../../../db/scheduled-messages";
import { openErasureRequestOf } from "../../../db/erasure-requests";
import { latestMessageViews } from "../../../db/message-views";
import type { PageText } from "../../../i18n/pages";
import type { AppContext } from "../../types";
import { CandidateDetails } from "../components/candidate-details";
import { SendForm } from "../components/send-form";
import { Thread } from "../components/thread";
import { notFoundPage } from "../errors";
import { formatDate, formatDateTime, formatDay, formatSize, tomorrowMorning } from "../format";
import { render } from "../render";
import type { AdminPageContext } from "./context";

/** Messages on one page; older ones are a link away, so the page costs the same however long the history. */
export const THREAD_PAGE_SIZE = 100;

export interface ComposerState {
  draft?: string;
  /** Which the composer was set to: a message to the candidate, or a note for the team. */
  mode?: "message" | "note";
  error?: string;
  /** The send-later time as typed, kept after an error. */
  sendAt?: string;
  /** Why that time was refused (shown on the time field, not the text). */
  sendAtError?: string;
  /** Why the files were refused (the text is kept; the files must be chosen again). */
  fileError?: string;
  status?: 400 | 403 | 413;
}

/** The admin's conversation page; also re-rendered by the send handler to show an error with the text kept. */
export async function renderConversation(c: Context<AppContext>, ctx: AdminPageContext, applicationId: number, composer: ComposerState = {}) {
  const { t, scope } = ctx;
  const application = await scope.application(applicationId);
  if (!application) return notFoundPage(c, t);
  const before = Number(c.req.query("before")) || undefined;
  const [messages, link, erasureRequest, team, bounced, templates, waiting, files] = await Promise.all([
    latestMessageViews(ctx.db, applicationId, { beforeId: before, count: THREAD_PAGE_SIZE, forAdmin: true }),
    candidateLinkFor(c.env, application),
    openErasureRequestOf(ctx.db, ctx.admin.companyId, applicationId),
    scope.admins(),
    candidateAddressBounced(ctx.db, applicationId),
    templatesFilledFor(c.env, ctx.admin, applicationId),
    pendingScheduled(ctx.db, ctx.admin.companyId, applicationId),
    applicationFiles(ctx.db, applicationId),
  ]);
  const planned = waiting.map(scheduledView);
  const earlierHref = messages.length === THREAD_PAGE_SIZE ? `/admin/applications/${applicationId}?before=${messages[0]!.id}` : null;
  return render(
    c,
    ctx.frame(
      application.candidate.name,
      "inbox",
      <div class="split split--conversation">
        <div class="split__main">
          <a class="back-link" href="/admin">
            ← {t.conversation.back}
          </a>
          <header class="conversation-head">
            <h1>{application.candidate.name}</h1>
            <p class="muted">
              {application.offer.title} · <span class={`pill pill--${application.status}`}>{t.status[application.status]}</span>
            </p>
          </header>
          {before && (
            <a class="thread__latest" href={`/admin/applications/${applicationId}`}>
              {t.conversation.latest}
            </a>
          )}
          {application.status === "rejected" && <p class="banner">{t.conversation.rejectedBanner}</p>}
          {planned.length > 0 && (
            <section class="scheduled panel" aria-labelledby="scheduled-title">
              <h2 id="scheduled-title">{t.later.pending}</h2>
              <ul>
                {planned.map((s) => (
                  <li data-scheduled-id={String(s.id)}>
                    <span class="muted">{t.later.at(formatDateTime(t, s.sendAt))}</span>
                    {s.body && <p>{s.body}</p>}
                    {s.attachments.length > 0 && (
                      <ul class="scheduled__files" aria-label={t.files.attached}>
                        {s.attachments.map((f) => (
                          <li>
                            📎 {f.filename} <span class="muted">{formatSize(f.size)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                    <form method="post" action={`/admin/scheduled/${s.id}/cancel`}>
                      <input type="hidden" name="applicationId" value={String(applicationId)} />
                      <button type="submit" class="link-button">
                        {t.later.cancel}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {bounced && (
            <p class="banner banner--danger" role="status" data-address-bounced>
              {t.conversation.bounced(bounced.address, bounced.reason)}
            </p>
          )}
          <Thread
            t={t}
            messages={messages}
            viewer="admin"
            selfAdminId={ctx.admin.id}
            status={application.status}
            companyName={ctx.company.name}
            apiBase={`/api/applications/${applicationId}`}
            attachmentUrl="/admin/attachments/{id}"
            pageSize={THREAD_PAGE_SIZE}
            earlierHref={earlierHref}
          >
            <SendForm
              action={`/admin/applications/${applicationId}/messages`}
              label={t.conversation.composer}
              placeholder={t.conversation.placeholder}
              submit={t.conversation.send}
              hint={t.conversation.emailHint}
              draft={composer.draft}
              error={composer.error}
              note={{ t: t.notes, mode: composer.mode ?? "message", team: team.map(({ id, name }) => ({ id, name })), url: `/api/applications/${applicationId}/notes` }}
              files={{ t, error: composer.fileError }}
              templates={{ t: t.templatesPicker, items: templates.map(({ id, name, body }) => ({ id, name, body })) }}
              later={{
                t: t.later,
                timeZone: t.timeZone,
                tomorrow: t.later.tomorrow(formatDay(t, tomorrowMorning(t.timeZone))),
                value: composer.sendAt,
                error: composer.sendAtError,
              }}
              warning={bounced && t.conversation.bouncedComposer(bounced.address)}
            />
          </Thread>
        </div>
        <aside class="split__side">
          <CandidateDetails
            t={t}
            application={application}
            team={team}
            files={files}
            candidateLink={link.url}
            erasureRequest={
              erasureRequest && {
                requestedOn: formatDate(t, erasureRequest.createdAt),
                confirmedOn: erasureRequest.confirmedAt === null ? null : formatDate(t, erasureRequest.confirmedAt),
              }
            }
            notice={panelNotice(t, c.req.query("notice"))}
          />
        </aside>
      </div>,
    ),
    composer.status ?? 200,
  );
}

/** The side panel's actions redirect back with `?notice=`; this is what the panel then says. */
function panelNotice(t: PageText, notice: string | undefined) {
  if (notice === "link-renewed") return { tone: "success" as const, text: t.conversation.linkRenewed, at: "link" as const };
  if (notice === "erasure-declined") return { tone: "success" as const, text: t.personalData.declined, at: "personalData" as const };
  if (notice === "reason-missing") return { tone: "error" as const, text: t.personalData.declineEmpty, at: "personalData" as const };
  return null;
}
