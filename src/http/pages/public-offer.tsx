import { Hono, type Context } from "hono";
import { committed } from "../commit";
import { applyToOffer } from "../../conversations/applications";
import { candidateLinkFor } from "../../conversations/candidate-link";
import { DomainError, MAX_BODY_LENGTH } from "../../conversations/errors";
import { publicOffer } from "../../db/offers";
import { database } from "../../db/client";
import { companyScope } from "../../db/company-scope";
import { pageText, type PageText } from "../../i18n/pages";
import { applySchema } from "../api/public-apply";
import type { AppContext } from "../types";
import { controlAria, Field } from "./components/field";
import { NoticePage, PublicFrame } from "./components/public-frame";
import { notFoundPage } from "./errors";
import { FileField } from "./components/file-field";
import { check, idParam, pageFormWithFiles } from "./forms";
import { render } from "./render";

type Offer = NonNullable<Awaited<ReturnType<typeof publicOffer>>>;
type Values = { name?: string; email?: string; message?: string };
type Errors = { name?: string; email?: string; message?: string; files?: string };

/** The public job offer with its apply form, in the company's language. */
export const offerPages = new Hono<AppContext>()
  .get("/offers/:offerId", async (c) => {
    const offer = await offerOf(c);
    if (!offer) return notFoundPage(c);
    return render(c, <OfferPage t={pageText(offer.company.locale)} offer={offer} />);
  })
  .post("/offers/:offerId", async (c) => {
    const offer = await offerOf(c);
    if (!offer) return notFoundPage(c);
    const t = pageText(offer.company.locale);
    const { fields, files, fileError } = await pageFormWithFiles(c, t);
    const values = { name: fields.name, email: fields.email, message: fields.message };
    const checked = check(applySchema, { name: fields.name ?? "", email: fields.email ?? "", message: fields.message ?? "" });
    if (!checked.ok || fileError) {
      const bad = checked.ok ? new Set<string>() : checked.invalid;
      const errors: Errors = {
        files: fileError ?? undefined,
        name: bad.has("name") ? t.errors.name : undefined,
        email: bad.has("email") ? t.errors.email : undefined,
        message: bad.has("message") ? t.errors.messageTooLong(MAX_BODY_LENGTH) : undefined,
      };
      return render(c, <OfferPage t={t} offer={offer} values={values} errors={errors} />, fileError ? 413 : 400);
    }
    try {
      const applicationId = await committed(c, applyToOffer(c.env, offer.id, { ...checked.data, files }));
      const application = await companyScope(database(c.env.DB), offer.company.id).application(applicationId);
      const { url: link } = await candidateLinkFor(c.env, application!);
      return render(
        c,
        <NoticePage t={t} title={t.offer.thanksTitle} heading={offer.company.name}>
          <p>{t.offer.thanksBody(offer.company.name)}</p>
          <p>{t.offer.continueHere}</p>
          <p>
            <a class="button button--primary" href={link}>
              {t.offer.openConversation}
            </a>
          </p>
        </NoticePage>,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === "offer_closed") return render(c, <OfferPage t={t} offer={{ ...offer, status: "closed" }} />, 409);
      if (error instanceof DomainError && error.code === "already_applied") {
        return render(
          c,
          <NoticePage t={t} title={t.offer.alreadyTitle} heading={offer.company.name}>
            <p>{t.offer.alreadyBody}</p>
          </NoticePage>,
          409,
        );
      }
      throw error;
    }
  });

async function offerOf(c: Context<AppContext>) {
  const offerId = idParam(c.req.param("offerId"));
  return offerId === null ? null : publicOffer(database(c.env.DB), offerId);
}

function OfferPage({ t, offer, values = {}, errors = {} }: { t: PageText; offer: Offer; values?: Values; errors?: Errors }) {
  return (
    <PublicFrame t={t} title={`${offer.title} · ${offer.company.name}`} heading={offer.company.name}>
      <article class="offer">
        <h1>{offer.title}</h1>
        {offer.description && <p class="offer__description">{offer.description}</p>}
      </article>
      {offer.status === "closed" ? (
        <section class="card" aria-labelledby="apply-title" data-offer-closed>
          <h2 id="apply-title">{t.offer.closedTitle}</h2>
          <p>{t.offer.closedBody}</p>
        </section>
      ) : (
        <section class="card" aria-labelledby="apply-title">
          <h2 id="apply-title">{t.offer.applyTitle}</h2>
          <form method="post" action={`/offers/${offer.id}`} class="stack" enctype="multipart/form-data">
            <Field id="apply-name" label={t.offer.name} error={errors.name}>
              <input id="apply-name" name="name" value={values.name ?? ""} required maxlength={200} autocomplete="name" {...controlAria("apply-name", errors.name)} />
            </Field>
            <Field id="apply-email" label={t.offer.email} error={errors.email}>
              <input
                id="apply-email"
                type="email"
                name="email"
                value={values.email ?? ""}
                required
                maxlength={254}
                autocomplete="email"
                {...controlAria("apply-email", errors.email)}
              />
            </Field>
            <Field id="apply-message" label={`${t.offer.coverLetter} (${t.offer.optional})`} error={errors.message}>
              <textarea id="apply-message" name="message" rows={8} maxlength={MAX_BODY_LENGTH} {...controlAria("apply-message", errors.message)}>
                {values.message ?? ""}
              </textarea>
            </Field>
            <FileField t={t} id="apply-files" label={t.files.cvLabel} error={errors.files} />
            <p class="field__hint" data-privacy-notice>
              {t.personalData.notice(offer.company.name, offer.company.contactEmail, offer.company.retentionDays)}
            </p>
            <button type="submit" class="button button--primary">
              {t.offer.submit}
            </button>
          </form>
        </section>
      )}
    </PublicFrame>
  );
}
