import { Hono, type Context } from "hono";
import { committed } from "../commit";
import { z } from "zod";
import { candidateAccess, type CandidateAccess } from "../../conversations/candidate-access";
import { confirmErasure, requestErasure } from "../../conversations/erasure-requests";
import { DomainError } from "../../conversations/errors";
import { postMessage } from "../../conversations/post-message";
import { markReadByCandidate } from "../../conversations/read";
import { database } from "../../db/client";
import { latestMessageViews } from "../../db/message-views";
import { pageText } from "../../i18n/pages";
import type { AppContext } from "../types";
import { messageBody, messageText } from "../validation";
import { THREAD_PAGE_SIZE, type ComposerState } from "./admin/conversation-page";
import { FormAlert } from "./components/field";
import { NoticePage, PublicFrame } from "./components/public-frame";
import { SendForm } from "./components/send-form";
import { Thread } from "./components/thread";
import { notFoundPage } from "./errors";
import { bodyError, check, formFields, pageFormWithFiles } from "./forms";
import { visitorText } from "./locale";
import { withTimeZone } from "./format";
import { render, seeOther } from "./render";

const sendSchema = z.object({ body: messageBody });
/** With files, the text may be empty. */
const sendWithFiles = z.object({ body: messageText });

/** The candidate's conversation, opened by the signed link from their emails; in the company's language. */
export const candidatePages = new Hono<AppContext>()
  .get("/c/:token", async (c) => {
    const token = c.req.param("token");
    const access = await candidateAccess(c.env, token);
    if (!access) return linkGone(c);
    await committed(c, markReadByCandidate(c.env, access.applicationId, access.candidate.name));
    return candidatePage(c, token, access);
  })
  .post("/c/:token", async (c) => {
    const token = c.req.param("token");
    const access = await candidateAccess(c.env, token);
    if (!access) return linkGone(c);
    const t = withTimeZone(pageText(access.company.locale), access.company.timeZone);
    const { fields, files, fileError } = await pageFormWithFiles(c, t);
    const body = fields.body ?? "";
    // Closed: show why, keep nothing (the page then has the notice instead of the form).
    if (access.status === "rejected") return candidatePage(c, token, access, { status: 403 });
    if (fileError) return candidatePage(c, token, access, { draft: body, fileError, status: 413 });
    const checked = check(files.length > 0 ? sendWithFiles : sendSchema, { body });
    if (!checked.ok) return candidatePage(c, token, access, { draft: body, ...bodyError(t, body) });
    try {
      const posted = await committed(c, postMessage(c.env, { applicationId: access.applicationId, author: { kind: "candidate" }, channel: "web", body: checked.data.body, files }));
      return seeOther(c, `/c/${token}#message-${posted.id}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "application_rejected") return candidatePage(c, token, { ...access, status: "rejected" }, { status: 403 });
      if (error.code === "empty_message" || error.code === "message_too_long") {
        return candidatePage(c, token, access, { draft: body, ...bodyError(t, body) });
      }
      throw error;
    }
  })
  .post("/c/:token/erasure-request", async (c) => {
    const token = c.req.param("token");
    const access = await candidateAccess(c.env, token);
    if (!access) return linkGone(c);
    await committed(c, requestErasure(c.env, access));
    return seeOther(c, `/c/${token}?erasure=requested#personal-data`);
  })
  // The link in the confirmation email opens a page with a button: a mail scanner that follows links confirms nothing.
  .get("/erasure/confirm", (c) => {
    const t = visitorText(c);
    return render(
      c,
      <NoticePage t={t} title={t.personalData.confirmTitle}>
        <p>{t.personalData.confirmIntro}</p>
        <form method="post" action="/erasure/confirm">
          <input type="hidden" name="token" value={c.req.query("token") ?? ""} />
          <button type="submit" class="button button--primary">
            {t.personalData.confirmSubmit}
          </button>
        </form>
      </NoticePage>,
    );
  })
  .post("/erasure/confirm", async (c) => {
    const t = visitorText(c);
    const result = await confirmErasure(c.env, (await formFields(c)).token ?? "");
    const words = { confirmed: t.personalData.confirmDone, already: t.personalData.confirmAlready, closed: t.personalData.confirmClosed, invalid: t.personalData.confirmInvalid };
    return render(
      c,
      <NoticePage t={t} title={t.personalData.confirmTitle}>
        <p data-erasure-confirmation={result}>{words[result]}</p>
      </NoticePage>,
      result === "invalid" ? 400 : 200,
    );
  });

function linkGone(c: Context) {
  const t = visitorText(c);
  return notFoundPage(c, t, t.candidate.linkGone);
}

async function candidatePage(c: Context<AppContext>, token: string, access: CandidateAccess, composer: ComposerState = {}) {
  const t = withTimeZone(pageText(access.company.locale), access.company.timeZone);
  const before = Number(c.req.query("before")) || undefined;
  const messages = await latestMessageViews(database(c.env.DB), access.applicationId, { beforeId: before, count: THREAD_PAGE_SIZE, forAdmin: false });
  const earlierHref = messages.length === THREAD_PAGE_SIZE ? `/c/${token}?before=${messages[0]!.id}` : null;
  return render(
    c,
    <PublicFrame t={t} title={t.candidate.title(access.offer.title)} heading={access.company.name} client wide>
      <header class="conversation-head">
        <h1>{t.candidate.title(access.offer.title)}</h1>
        <p class="muted">{t.candidate.intro(access.company.name)}</p>
      </header>
      {before && (
        <a class="thread__latest" href={`/c/${token}`}>
          {t.conversation.latest}
        </a>
      )}
      <Thread
        t={t}
        messages={messages}
        viewer="candidate"
        status={access.status}
        companyName={access.company.name}
        apiBase={`/api/c/${token}`}
        attachmentUrl={`/c/${token}/attachments/{id}`}
        pageSize={THREAD_PAGE_SIZE}
        earlierHref={earlierHref}
      >
        {access.status === "rejected" ? (
          <div class="closed-notice" role="status" data-closed-notice>
            <h2>{t.candidate.closedTitle}</h2>
            <p>{t.candidate.closed}</p>
            <p>
              {t.candidate.contact} <a href={`mailto:${access.company.contactEmail}`}>{access.company.contactEmail}</a>.
            </p>
          </div>
        ) : (
          <SendForm
            action={`/c/${token}`}
            label={t.candidate.composer}
            placeholder={t.candidate.placeholder}
            submit={t.candidate.send}
            draft={composer.draft}
            error={composer.error}
            files={{ t, error: composer.fileError }}
          />
        )}
      </Thread>
      <PersonalData t={t} token={token} access={access} requested={c.req.query("erasure") === "requested"} />
    </PublicFrame>,
    composer.status ?? 200,
  );
}

/** Who keeps the candidate's data, for how long, and their rights: a copy of it, or asking to erase it. */
function PersonalData({ t, token, access, requested }: { t: ReturnType<typeof pageText>; token: string; access: CandidateAccess; requested: boolean }) {
  const { company } = access;
  return (
    <section class="panel personal-data" id="personal-data" aria-labelledby="personal-data-title">
      <h2 id="personal-data-title">{t.personalData.candidateTitle}</h2>
      <p>
        {t.personalData.candidateIntro(company.name, company.retentionDays)} {t.candidate.contact} <a href={`mailto:${company.contactEmail}`}>{company.contactEmail}</a>.
      </p>
      {requested && <FormAlert tone="success">{t.personalData.candidateRequested}</FormAlert>}
      <p>
        <a class="button" href={`/api/c/${token}/export`} download>
          {t.personalData.candidateDownload}
        </a>
      </p>
      <form method="post" action={`/c/${token}/erasure-request`}>
        <button type="submit" class="button button--danger" aria-describedby="erase-hint">
          {t.personalData.candidateErase}
        </button>
        <p class="field__hint" id="erase-hint">
          {t.personalData.candidateEraseHint}
        </p>
      </form>
    </section>
  );
}
