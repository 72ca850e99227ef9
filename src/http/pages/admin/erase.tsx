import { Hono, type Context } from "hono";
import { eraseCandidate } from "../../../conversations/erasure";
import { cleanLine } from "../../../conversations/text";
import { committed } from "../../commit";
import type { AppContext } from "../../types";
import { controlAria, Field, FormAlert } from "../components/field";
import { notFoundPage } from "../errors";
import { formFields, idParam } from "../forms";
import { render } from "../render";
import { adminContext, type AdminPageContext } from "./context";

/**
 * Erasing a candidate's data from the conversation page: a page of its own where the admin types the candidate's
 * name to confirm (a server-rendered confirmation; the CSP allows no inline script for a dialog).
 */
export const erasePages = new Hono<AppContext>()
  .get("/applications/:id/erase", async (c) => {
    const ctx = await adminContext(c);
    const application = await found(ctx, c.req.param("id"));
    return application ? confirmPage(c, ctx, application) : notFoundPage(c, ctx.t);
  })
  .post("/applications/:id/erase", async (c) => {
    const ctx = await adminContext(c);
    const application = await found(ctx, c.req.param("id"));
    if (!application) return notFoundPage(c, ctx.t);
    const { name = "" } = await formFields(c);
    // Spacing and letter case are no reason to refuse; a different name is.
    if (cleanLine(name).toLocaleLowerCase() !== cleanLine(application.candidate.name).toLocaleLowerCase()) return confirmPage(c, ctx, application, name, 400);
    const erased = await committed(c, eraseCandidate(c.env, ctx.admin, application.id));
    const { t } = ctx;
    return render(
      c,
      ctx.frame(
        t.personalData.erasedTitle,
        "inbox",
        <section class="form-page">
          <h1>{t.personalData.erasedTitle}</h1>
          <FormAlert tone="success">{t.personalData.erased(erased)}</FormAlert>
          <a class="back-link" href="/admin">
            ← {t.conversation.back}
          </a>
        </section>,
      ),
    );
  });

async function found(ctx: AdminPageContext, id: string | undefined) {
  const applicationId = idParam(id);
  return applicationId === null ? null : ctx.scope.application(applicationId);
}

type Application = NonNullable<Awaited<ReturnType<typeof found>>>;

function confirmPage(c: Context<AppContext>, ctx: AdminPageContext, application: Application, typed = "", status: 200 | 400 = 200) {
  const { t } = ctx;
  const name = application.candidate.name;
  const error = status === 400 ? t.personalData.confirmError : undefined;
  return render(
    c,
    ctx.frame(
      t.personalData.eraseTitle(name),
      "inbox",
      <section class="form-page">
        <a class="back-link" href={`/admin/applications/${application.id}`}>
          ← {name}
        </a>
        <h1>{t.personalData.eraseTitle(name)}</h1>
        <p>{t.personalData.eraseIntro}</p>
        <form method="post" action={`/admin/applications/${application.id}/erase`} class="card stack">
          <Field id="erase-name" label={t.personalData.confirm(name)} error={error}>
            <input id="erase-name" type="text" name="name" value={typed} required maxlength={200} autocomplete="off" {...controlAria("erase-name", error)} />
          </Field>
          <div>
            <button type="submit" class="button button--danger">
              {t.personalData.eraseSubmit}
            </button>
          </div>
        </form>
      </section>,
    ),
    status,
  );
}
