import { Hono, type Context } from "hono";
import { z } from "zod";
import { updateCompanySettings } from "../../../db/company-settings";
import { expiredApplicationCount } from "../../../db/erasure";
import type { AppContext } from "../../types";
import { companySettingsFields } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { check, formFields } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

// The same rules as PATCH /api/company.
const settingsSchema = z.object(companySettingsFields);

type Name = keyof typeof companySettingsFields;
type Values = Record<Name, string>;
type Errors = Partial<Record<Name, string>>;

/** Company settings: the public contact (shown to rejected candidates), the candidates' language, time zone, retention. */
export const settingsPages = new Hono<AppContext>()
  .get("/settings", async (c) => {
    const ctx = await adminContext(c);
    const { contactEmail, locale, timeZone, retentionDays } = ctx.company;
    return settingsPage(c, ctx, { contactEmail, locale, timeZone, retentionDays: String(retentionDays) }, {}, c.req.query("saved") === "1");
  })
  .post("/settings", async (c) => {
    const ctx = await adminContext(c);
    const fields = await formFields(c);
    // A field the form did not send keeps its saved value (an older page open in a tab knows fewer fields).
    const { contactEmail, locale, timeZone, retentionDays } = ctx.company;
    const values: Values = {
      contactEmail: fields.contactEmail ?? contactEmail,
      locale: fields.locale ?? locale,
      timeZone: fields.timeZone ?? timeZone,
      retentionDays: fields.retentionDays ?? String(retentionDays),
    };
    const checked = check(settingsSchema, values);
    if (!checked.ok) {
      const { t } = ctx;
      const words: Record<Name, string> = { contactEmail: t.errors.email, locale: t.errors.choose, timeZone: t.settings.timeZoneError, retentionDays: t.settings.retentionError };
      const errors = Object.fromEntries([...checked.invalid].filter((name): name is Name => name in words).map((name) => [name, words[name]]));
      return settingsPage(c, ctx, values, errors, false, 400);
    }
    await updateCompanySettings(ctx.db, ctx.admin.companyId, checked.data);
    return seeOther(c, "/admin/settings?saved=1");
  });

async function settingsPage(c: Context<AppContext>, ctx: AdminPageContext, values: Values, errors: Errors, saved: boolean, status: 200 | 400 = 200) {
  const { t } = ctx;
  // With the retention as saved (what the cron would do tonight), not as typed into a refused form.
  const expired = await expiredApplicationCount(ctx.db, ctx.admin.companyId, Date.now());
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
          <Field id="time-zone" label={t.settings.timeZone} hint={t.settings.timeZoneHint} error={errors.timeZone}>
            <input
              id="time-zone"
              type="text"
              name="timeZone"
              value={values.timeZone}
              required
              maxlength={64}
              {...controlAria("time-zone", errors.timeZone, t.settings.timeZoneHint)}
            />
          </Field>
          <Field id="retention-days" label={t.settings.retentionDays} hint={t.settings.retentionHint} error={errors.retentionDays}>
            <input
              id="retention-days"
              type="number"
              name="retentionDays"
              value={values.retentionDays}
              required
              min={30}
              max={1095}
              {...controlAria("retention-days", errors.retentionDays, t.settings.retentionHint)}
            />
          </Field>
          <p class="muted" data-expired-count={String(expired)}>
            {t.settings.expiredNow(expired)}
          </p>
          <p>
            <a href="/admin/erasure-requests">{t.personalData.requestsLink}</a>
          </p>
          <div>
            <button type="submit" class="button button--primary">
              {t.common.save}
            </button>
          </div>
        </form>
        <section class="card stack" aria-labelledby="integrations-title">
          <h2 id="integrations-title">{t.integrations.title}</h2>
          <p class="muted">{t.integrations.linkHint}</p>
          <p>
            <a href="/admin/settings/integrations">{t.integrations.link} →</a>
          </p>
        </section>
      </section>,
    ),
    status,
  );
}
