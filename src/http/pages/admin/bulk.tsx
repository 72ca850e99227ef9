import { Hono, type Context } from "hono";
import { bulkAction, MAX_BULK, type BulkResult } from "../../../conversations/bulk";
import { DomainError, MAX_BODY_LENGTH } from "../../../conversations/errors";
import { isBlank } from "../../../conversations/text";
import { listTemplates } from "../../../db/templates";
import { committed } from "../../commit";
import { currentSession, type AppContext } from "../../types";
import { bulkFields } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { check, idParam } from "../forms";
import { render } from "../render";
import { adminContext, type AdminPageContext } from "./context";

type Action = "message" | "reject";
interface BulkForm {
  ids: number[];
  action: Action;
  body: string;
  templateId: string;
  error?: { field: "body" | "templateId" | "form"; text: string };
  result?: BulkResult;
}

/**
 * Many conversations at once: the inbox's ticked rows arrive here (GET), the page names whom the action reaches,
 * and the form messages or rejects each of them through the bulk domain action. The browser script sends the
 * same action to the API in slices, so a long selection shows its progress; without it, this page answers with
 * the per-conversation result. Failed ones can be tried again, with the text kept.
 */
export const bulkPages = new Hono<AppContext>()
  .get("/bulk", async (c) => {
    const ctx = await adminContext(c);
    return bulkPage(c, ctx, { ids: idsOf(c.req.queries("applicationIds")), action: c.req.query("action") === "reject" ? "reject" : "message", body: "", templateId: "" });
  })
  .post("/bulk", async (c) => {
    const ctx = await adminContext(c);
    const fields = await c.req.parseBody({ all: true });
    const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "");
    const form: BulkForm = {
      ids: idsOf([fields.applicationIds ?? []].flat()),
      action: text("action") === "reject" ? "reject" : "message",
      body: text("body"),
      templateId: text("templateId"),
    };
    const templateId = form.templateId === "" ? undefined : (idParam(form.templateId) ?? undefined);
    // A template replaces the text; an empty text with neither is only a message's problem (a rejection may be silent).
    const body = templateId !== undefined || isBlank(form.body) ? undefined : form.body;
    if (form.action === "message" && body === undefined && templateId === undefined)
      return bulkPage(c, ctx, { ...form, error: { field: "body", text: ctx.t.errors.messageEmpty } }, 400);
    if (body !== undefined && body.length > MAX_BODY_LENGTH)
      return bulkPage(c, ctx, { ...form, error: { field: "body", text: ctx.t.errors.messageTooLong(MAX_BODY_LENGTH) } }, 413);
    // Only the company's own conversations, the ones this page listed: another company's id is not there to fail.
    const own = (await ctx.scope.applicationsListed(form.ids)).map((a) => a.id);
    const checked = check(bulkFields, { applicationIds: own, action: form.action, body, templateId });
    if (!checked.ok) return bulkPage(c, ctx, { ...form, error: { field: "form", text: ctx.t.bulk.none } }, 400);
    try {
      const admin = { ...ctx.admin, session: currentSession(c).tokenHash };
      // As the API: emails go to their schedulers rather than out within this answer.
      const result = await committed(c, bulkAction(c.env, admin, checked.data), { emails: "scheduled" });
      return bulkPage(c, ctx, { ...form, result });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Only the template is read before anything is done: a missing one stops the whole action.
      return bulkPage(c, ctx, { ...form, error: { field: "templateId", text: reason(ctx, error.code) } }, 400);
    }
  });

/** Ids from the query or the form: numbers only, each once, at most MAX_BULK. */
function idsOf(values: unknown[] | undefined): number[] {
  const ids = (values ?? []).flatMap((v) => (typeof v === "string" ? (idParam(v) ?? []) : []));
  return [...new Set(ids)].slice(0, MAX_BULK);
}

function reason(ctx: AdminPageContext, code: string): string {
  return ctx.t.bulk.errors[code] ?? ctx.t.bulk.errors.other;
}

/** The words the browser script shows while it runs the action (src/client/bulk.ts). */
function clientText({ t }: AdminPageContext) {
  return {
    ok: t.bulk.ok,
    failed: t.bulk.failed,
    progress: t.bulk.progress(-1, -2).replace("-1", "{done}").replace("-2", "{total}"),
    result: t.bulk.result(-1, -2).replace("-1", "{done}").replace("-2", "{total}"),
    retry: t.bulk.retry,
    reasons: t.bulk.errors,
  };
}

async function bulkPage(c: Context<AppContext>, ctx: AdminPageContext, form: BulkForm, status: 200 | 400 | 413 = 200) {
  const { t } = ctx;
  const [listed, templates] = await Promise.all([ctx.scope.applicationsListed(form.ids), listTemplates(ctx.db, ctx.admin.companyId)]);
  const failed = new Map((form.result?.failed ?? []).map((f) => [f.id, f.error]));
  // After a run the form offers only the failed ones again, so nothing is sent twice by a second click.
  const pending = form.result ? listed.filter((a) => failed.has(a.id)) : listed;
  const error = (field: "body" | "templateId") => (form.error?.field === field ? form.error.text : undefined);
  return render(
    c,
    ctx.frame(
      t.bulk.title,
      "inbox",
      <section class="card stack" aria-labelledby="bulk-title">
        <a class="back-link" href="/admin">
          ← {t.bulk.back}
        </a>
        <h1 id="bulk-title">{t.bulk.title}</h1>
        {listed.length === 0 ? (
          <p>{t.bulk.none}</p>
        ) : (
          <>
            <p>{t.bulk.intro}</p>
            {form.error?.field === "form" && <FormAlert>{form.error.text}</FormAlert>}
            <div data-bulk-summary aria-live="polite">
              {form.result && <FormAlert tone={failed.size ? "error" : "success"}>{t.bulk.result(form.result.done, form.result.done + failed.size)}</FormAlert>}
            </div>
            <progress class="bulk-progress" data-bulk-progress max={listed.length} value={0} hidden></progress>
            <ul class="bulk-list" aria-label={t.bulk.selected(listed.length)}>
              {listed.map((a) => (
                <li data-bulk-item={String(a.id)} data-outcome={form.result ? (failed.has(a.id) ? "failed" : "done") : undefined}>
                  <a href={`/admin/applications/${a.id}`} data-bulk-name>
                    {a.candidateName}
                  </a>
                  <span class="muted">{a.offerTitle}</span>
                  {a.status === "rejected" && <span class="pill pill--muted">{t.status.rejected}</span>}
                  <span class="bulk-list__outcome" data-bulk-outcome>
                    {form.result && (failed.has(a.id) ? `${t.bulk.failed}: ${reason(ctx, failed.get(a.id)!)}` : t.bulk.ok)}
                  </span>
                </li>
              ))}
            </ul>
            {pending.length > 0 && (
              <form method="post" action="/admin/bulk" class="stack" data-bulk-form="/api/applications/bulk" data-bulk-text={JSON.stringify(clientText(ctx))}>
                {pending.map((a) => (
                  <input type="hidden" name="applicationIds" value={String(a.id)} />
                ))}
                <fieldset class="field bulk-choice">
                  <legend>{t.bulk.action}</legend>
                  <label>
                    <input type="radio" name="action" value="message" checked={form.action === "message"} /> {t.bulk.message}
                  </label>
                  <label>
                    <input type="radio" name="action" value="reject" checked={form.action === "reject"} /> {t.bulk.reject}
                  </label>
                  <p class="field__hint">{t.bulk.rejectHint}</p>
                </fieldset>
                <Field id="bulk-body" label={t.bulk.body} hint={t.bulk.bodyHint} error={error("body")}>
                  <textarea id="bulk-body" name="body" rows={6} maxlength={MAX_BODY_LENGTH} {...controlAria("bulk-body", error("body"), t.bulk.bodyHint)}>
                    {form.body}
                  </textarea>
                </Field>
                {templates.length > 0 && (
                  <Field id="bulk-template" label={t.bulk.template} error={error("templateId")}>
                    <select id="bulk-template" name="templateId" {...controlAria("bulk-template", error("templateId"))}>
                      <option value="">{t.bulk.noTemplate}</option>
                      {templates.map((tpl) => (
                        <option value={String(tpl.id)} selected={String(tpl.id) === form.templateId}>
                          {tpl.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                )}
                <div class="row">
                  <button type="submit" class="button button--primary">
                    {form.result ? t.bulk.retry : t.bulk.submit(pending.length)}
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </section>,
    ),
    status,
  );
}
