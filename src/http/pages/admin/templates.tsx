import { Hono, type Context } from "hono";
import { z } from "zod";
import { checkPlaceholders, knownPlaceholders, PLACEHOLDERS } from "../../../conversations/placeholders";
import { DomainError, MAX_BODY_LENGTH } from "../../../conversations/errors";
import { deleteTemplate, insertTemplate, listTemplates, updateTemplate, type Template } from "../../../db/templates";
import type { AppContext } from "../../types";
import { messageBody, templateName } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { notFoundPage } from "../errors";
import { check, formFields, idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

const templateSchema = z.object({ name: templateName, body: messageBody });

/** A form as sent back after a refusal: what was typed, and what is wrong with it. */
interface Refused {
  /** The template edited ("new" for the form that adds one). */
  id: number | "new";
  values: { name: string; body: string };
  errors: { name?: string; body?: string };
}

/** The company's message templates (CONTRACT.md "Templates") as pages: the same rules and queries as /api/templates. */
export const templatePages = new Hono<AppContext>()
  .get("/templates", async (c) => templatesPage(c, await adminContext(c), null, c.req.query("done"), idParam(c.req.query("id"))))
  .post("/templates", async (c) => {
    const ctx = await adminContext(c);
    const checked = await checkedForm(c, ctx, "new");
    if ("refused" in checked) return templatesPage(c, ctx, checked.refused, undefined, null, 400);
    const template = await insertTemplate(ctx.db, ctx.admin.companyId, checked.data, Date.now());
    return seeOther(c, `/admin/templates?done=saved&id=${template.id}#template-${template.id}`);
  })
  .post("/templates/:id", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    if (id === null) return notFoundPage(c, ctx.t);
    const checked = await checkedForm(c, ctx, id);
    if ("refused" in checked) return templatesPage(c, ctx, checked.refused, undefined, null, 400);
    const saved = await updateTemplate(ctx.db, ctx.admin.companyId, id, checked.data, Date.now());
    return saved ? seeOther(c, `/admin/templates?done=saved&id=${id}#template-${id}`) : notFoundPage(c, ctx.t);
  })
  .post("/templates/:id/delete", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    const deleted = id !== null && (await deleteTemplate(ctx.db, ctx.admin.companyId, id));
    return deleted ? seeOther(c, "/admin/templates?done=deleted") : notFoundPage(c, ctx.t);
  });

async function checkedForm(c: Context<AppContext>, ctx: AdminPageContext, id: number | "new"): Promise<{ data: { name: string; body: string } } | { refused: Refused }> {
  const { t } = ctx;
  const fields = await formFields(c);
  const values = { name: fields.name ?? "", body: fields.body ?? "" };
  const checked = check(templateSchema, values);
  if (!checked.ok) {
    const errors = {
      name: checked.invalid.has("name") ? t.templates.nameError : undefined,
      body: checked.invalid.has("body") ? t.templates.bodyError(MAX_BODY_LENGTH) : undefined,
    };
    return { refused: { id, values, errors } };
  }
  try {
    checkPlaceholders(checked.data.body);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { refused: { id, values, errors: { body: t.templates.unknownPlaceholder(String(error.details.placeholder), knownPlaceholders()) } } };
  }
  return { data: checked.data };
}

/** `savedId`: the template just saved, whose card says so (the address scrolls to it, past the page's top). */
async function templatesPage(c: Context<AppContext>, ctx: AdminPageContext, refused: Refused | null, done: string | undefined, savedId: number | null, status: 200 | 400 = 200) {
  const { t } = ctx;
  const templates = await listTemplates(ctx.db, ctx.admin.companyId);
  const formOf = (id: number | "new", stored: { name: string; body: string }) => {
    const mine = refused?.id === id ? refused : null;
    return <TemplateForm t={t} id={id} values={mine?.values ?? stored} errors={mine?.errors ?? {}} />;
  };
  return render(
    c,
    ctx.frame(
      t.templates.title,
      "templates",
      <div class="stack narrow">
        <header>
          <h1>{t.templates.title}</h1>
          <p class="muted">{t.templates.intro}</p>
        </header>
        {/* A refused form may be far down the page: its error is said here too, with a link to the field. */}
        {refused && (
          <FormAlert>
            {refused.errors.name ?? refused.errors.body} <a href={`#template-${refused.id}-${refused.errors.name ? "name" : "body"}`}>{t.templates.toField}</a>
          </FormAlert>
        )}
        {done === "deleted" && <FormAlert tone="success">{t.templates.deleted}</FormAlert>}
        <section class="card stack" aria-labelledby="template-new-title">
          <h2 id="template-new-title">{t.templates.newTitle}</h2>
          {formOf("new", { name: "", body: "" })}
          <details>
            <summary>{t.templates.placeholders}</summary>
            <ul class="placeholder-list">
              {PLACEHOLDERS.map((p) => (
                <li>
                  <code>{`{{${p}}}`}</code>
                </li>
              ))}
            </ul>
            <p class="field__hint">{t.templates.placeholderHint}</p>
          </details>
        </section>
        {templates.length === 0 ? (
          <p class="muted">{t.templates.empty}</p>
        ) : (
          templates.map((template: Template) => (
            <section class="card stack" id={`template-${template.id}`} aria-label={template.name}>
              {done === "saved" && savedId === template.id && <FormAlert tone="success">{t.templates.saved}</FormAlert>}
              {formOf(template.id, template)}
              {/* Folded, so a slip from "Save" deletes nothing. */}
              <details>
                <summary class="link-button--danger">{t.templates.delete}…</summary>
                <form method="post" action={`/admin/templates/${template.id}/delete`}>
                  <button type="submit" class="button button--danger">
                    {t.templates.deleteConfirm(template.name)}
                  </button>
                </form>
              </details>
            </section>
          ))
        )}
      </div>,
    ),
    status,
  );
}

function TemplateForm({ t, id, values, errors }: { t: AdminPageContext["t"]; id: number | "new"; values: { name: string; body: string }; errors: Refused["errors"] }) {
  const key = `template-${id}`;
  return (
    <form method="post" action={id === "new" ? "/admin/templates" : `/admin/templates/${id}`} class="stack">
      <Field id={`${key}-name`} label={t.templates.name} error={errors.name}>
        <input id={`${key}-name`} type="text" name="name" value={values.name} required maxlength={100} {...controlAria(`${key}-name`, errors.name)} />
      </Field>
      <Field id={`${key}-body`} label={t.templates.body} error={errors.body}>
        <textarea id={`${key}-body`} name="body" rows={5} required maxlength={MAX_BODY_LENGTH} {...controlAria(`${key}-body`, errors.body)}>
          {values.body}
        </textarea>
      </Field>
      <div>
        <button type="submit" class={id === "new" ? "button button--primary" : "button"}>
          {id === "new" ? t.templates.create : t.templates.save}
        </button>
      </div>
    </form>
  );
}
