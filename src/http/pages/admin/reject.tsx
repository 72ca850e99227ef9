import { Hono } from "hono";
import { setApplicationStatus } from "../../../conversations/applications";
import { DomainError, MAX_BODY_LENGTH } from "../../../conversations/errors";
import { adminMessageBody } from "../../../conversations/templates";
import { pendingScheduled } from "../../../db/scheduled-messages";
import { listTemplates } from "../../../db/templates";
import { committed } from "../../commit";
import type { AppContext } from "../../types";
import { controlAria, Field, FormAlert } from "../components/field";
import { notFoundPage } from "../errors";
import { formFields, idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

/**
 * Rejecting, on purpose: the side panel's button opens this page, which says what follows and offers a message to
 * the candidate (typed, or a template with its placeholders filled) that is emailed before the application closes.
 */
export const rejectPages = new Hono<AppContext>()
  .get("/applications/:id/reject", async (c) => {
    const ctx = await adminContext(c);
    const applicationId = idParam(c.req.param("id"));
    return applicationId === null ? notFoundPage(c, ctx.t) : rejectPage(c, ctx, applicationId, {});
  })
  .post("/applications/:id/reject", async (c) => {
    const ctx = await adminContext(c);
    const applicationId = idParam(c.req.param("id"));
    if (applicationId === null || !(await ctx.scope.application(applicationId))) return notFoundPage(c, ctx.t);
    const { body = "", templateId = "" } = await formFields(c);
    const template = templateId === "" ? null : idParam(templateId);
    try {
      const message =
        template !== null
          ? await adminMessageBody(c.env, ctx.admin, applicationId, { templateId: template })
          : body.trim()
            ? await adminMessageBody(c.env, ctx.admin, applicationId, { body })
            : undefined;
      if (message !== undefined && message.length > MAX_BODY_LENGTH) return rejectPage(c, ctx, applicationId, { body, error: ctx.t.errors.messageTooLong(MAX_BODY_LENGTH) }, 413);
      await committed(c, setApplicationStatus(c.env, ctx.admin, applicationId, "rejected", message));
    } catch (error) {
      if (error instanceof DomainError && error.code !== "not_found") return rejectPage(c, ctx, applicationId, { body, error: error.message }, 400);
      throw error;
    }
    return seeOther(c, `/admin/applications/${applicationId}`);
  });

async function rejectPage(c: Parameters<typeof render>[0], ctx: AdminPageContext, applicationId: number, form: { body?: string; error?: string }, status: 200 | 400 | 413 = 200) {
  const { t } = ctx;
  const [application, templates, planned] = await Promise.all([
    ctx.scope.application(applicationId),
    listTemplates(ctx.db, ctx.admin.companyId),
    pendingScheduled(ctx.db, ctx.admin.companyId, applicationId),
  ]);
  if (!application) return notFoundPage(c, t);
  // Already closed (a colleague, another tab): the conversation says so, there is nothing to confirm.
  if (application.status === "rejected") return seeOther(c, `/admin/applications/${applicationId}`);
  return render(
    c,
    ctx.frame(
      t.reject.title(application.candidate.name),
      "inbox",
      <section class="card stack narrow" aria-labelledby="reject-title">
        <a class="back-link" href={`/admin/applications/${applicationId}`}>
          ← {t.reject.back}
        </a>
        <h1 id="reject-title">{t.reject.title(application.candidate.name)}</h1>
        <p>{t.reject.explain(application.offer.title)}</p>
        {planned.length > 0 && (
          <p class="banner banner--danger" data-cancels-planned>
            {t.reject.cancelsPlanned(planned.length)}
          </p>
        )}
        {form.error && <FormAlert>{form.error}</FormAlert>}
        <form method="post" action={`/admin/applications/${applicationId}/reject`} class="stack">
          <Field id="reject-body" label={t.reject.message} hint={t.reject.messageHint}>
            <textarea id="reject-body" name="body" rows={6} maxlength={MAX_BODY_LENGTH} {...controlAria("reject-body", form.error, t.reject.messageHint)}>
              {form.body ?? ""}
            </textarea>
          </Field>
          {templates.length > 0 && (
            <Field id="reject-template" label={t.reject.template}>
              <select id="reject-template" name="templateId">
                <option value="">{t.reject.noTemplate}</option>
                {templates.map((tpl) => (
                  <option value={String(tpl.id)}>{tpl.name}</option>
                ))}
              </select>
            </Field>
          )}
          <div class="row">
            <button type="submit" class="button button--danger">
              {t.reject.confirm}
            </button>
            <a class="button" href={`/admin/applications/${applicationId}`}>
              {t.reject.cancel}
            </a>
          </div>
        </form>
      </section>,
    ),
    status,
  );
}
