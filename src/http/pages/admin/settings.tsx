import { Hono, type Context } from "hono";
import { z } from "zod";
import { updateCompanySettings } from "../../../db/company-settings";
import type { AppContext } from "../../types";
import { email } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { check, formFields } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

const settingsSchema = z.object({ contactEmail: email, locale: z.enum(["cs", "en"]) });

type Values = { contactEmail: string; locale: string };
type Errors = { contactEmail?: string; locale?: string };

/** Company settings: the public contact (shown to rejected candidates) and the candidates' language. */
export const settingsPages = new Hono<AppContext>()
  .get("/settings", async (c) => {
    const ctx = await adminContext(c);
    return settingsPage(c, ctx, { contactEmail: ctx.company.contactEmail, locale: ctx.company.locale }, {}, c.req.query("saved") === "1");
  })
  .post("/settings", async (c) => {
    const ctx = await adminContext(c);
    const fields = await formFields(c);
    const values = { contactEmail: fields.contactEmail ?? "", locale: fields.locale ?? "" };
    const checked = check(settingsSchema, values);
    if (!checked.ok) {
      const errors = {
        contactEmail: checked.invalid.has("contactEmail") ? ctx.t.errors.email : undefined,
        locale: checked.invalid.has("locale") ? ctx.t.errors.choose : undefined,
      };
      return settingsPage(c, ctx, values, errors, false, 400);
    }
    await updateCompanySettings(ctx.db, ctx.admin.companyId, checked.data);
    return seeOther(c, "/admin/settings?saved=1");
  });

function settingsPage(c: Context<AppContext>, ctx: AdminPageContext, values: Values, errors: Errors, saved: boolean, status: 200 | 400 = 200) {
  const { t } = ctx;
  return render(
    c,
    ctx.frame(
      t.settings.title,
      "settings",
      <section class="form-page">
        <div class="page-head">
          <h1>{t.settings.title}</h1>
        </div>
        {saved && <FormAlert tone="success">{t.common.saved}</FormAlert>}
        <form method="post" action="/admin/settings" class="card stack">
          <Field id="contact-email" label={t.settings.contactEmail} hint={t.settings.contactEmailHint} error={errors.contactEmail}>
            <input
              id="contact-email"
              type="email"
              name="contactEmail"
              value={values.contactEmail}
              required
              maxlength={254}
              {...controlAria("contact-email", errors.contactEmail, t.settings.contactEmailHint)}
            />
          </Field>
          <Field id="locale" label={t.settings.locale} hint={t.settings.localeHint} error={errors.locale}>
            <select id="locale" name="locale" {...controlAria("locale", errors.locale, t.settings.localeHint)}>
              {(["cs", "en"] as const).map((l) => (
                <option value={l} selected={values.locale === l} lang={l}>
                  {t.settings.locales[l]}
                </option>
              ))}
            </select>
          </Field>
          <div>
            <button type="submit" class="button button--primary">
              {t.common.save}
            </button>
          </div>
        </form>
      </section>,
    ),
    status,
  );
}
