import { Hono, type Context } from "hono";
import { z } from "zod";
import { addNotificationAddress, insertOffer, offerAddresses, offerViews, patchOffer, removeNotificationAddress, updateOffer } from "../../../db/offers";
import type { AppContext } from "../../types";
import { email, freeText, offerTitle } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { OfferForm, type OfferFormState } from "../components/offer-form";
import { notFoundPage } from "../errors";
import { check, formFields, idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

const offerSchema = z.object({
  title: offerTitle,
  description: freeText(20_000, "A description may have at most 20,000 characters."),
});

/** The company's offers and each offer's settings: wording and the addresses its emails go to. */
export const adminOfferPages = new Hono<AppContext>()
  .get("/offers", async (c) => offerList(c, await adminContext(c), {}))
  .post("/offers", async (c) => {
    const ctx = await adminContext(c);
    const fields = await formFields(c);
    const values = { title: fields.title ?? "", description: fields.description ?? "", email: fields.email ?? "" };
    const checked = check(offerSchema.extend({ email }), values);
    if (!checked.ok) {
      const errors = {
        title: checked.invalid.has("title") ? ctx.t.errors.title : undefined,
        description: checked.invalid.has("description") ? ctx.t.errors.description : undefined,
        email: checked.invalid.has("email") ? ctx.t.errors.email : undefined,
      };
      return offerList(c, ctx, { values, errors }, 400);
    }
    const { email: address, ...offer } = checked.data;
    const offerId = await insertOffer(ctx.db, ctx.admin.companyId, { ...offer, notificationEmails: [address] }, Date.now());
    return seeOther(c, `/admin/offers/${offerId}?saved=1`);
  })
  .post("/offers/:id/status", (c) =>
    withOffer(c, async (ctx, offer) => {
      const { status } = await formFields(c);
      if (status !== "open" && status !== "closed") return offerList(c, ctx, {}, 400);
      await patchOffer(ctx.db, ctx.admin.companyId, offer.id, { status });
      return seeOther(c, "/admin/offers");
    }),
  )
  .get("/offers/:id", async (c) => withOffer(c, (ctx, offer) => offerPage(c, ctx, offer, { saved: c.req.query("saved") === "1" })))
  .post("/offers/:id", (c) =>
    withOffer(c, async (ctx, offer) => {
      const fields = await formFields(c);
      const checked = check(offerSchema, { title: fields.title ?? "", description: fields.description ?? "" });
      if (!checked.ok) {
        const errors = {
          title: checked.invalid.has("title") ? ctx.t.errors.title : undefined,
          description: checked.invalid.has("description") ? ctx.t.errors.description : undefined,
        };
        return offerPage(c, ctx, { ...offer, title: fields.title ?? "", description: fields.description ?? "" }, { errors }, 400);
      }
      await updateOffer(ctx.db, ctx.admin.companyId, offer.id, checked.data);
      return seeOther(c, `/admin/offers/${offer.id}?saved=1`);
    }),
  )
  .post("/offers/:id/addresses", (c) =>
    withOffer(c, async (ctx, offer) => {
      const { email: address = "" } = await formFields(c);
      const checked = check(z.object({ email }), { email: address });
      if (!checked.ok) return offerPage(c, ctx, offer, { newAddress: address, addressError: ctx.t.errors.email }, 400);
      const outcome = await addNotificationAddress(ctx.db, ctx.admin.companyId, offer.id, checked.data.email);
      if (outcome === "exists") return offerPage(c, ctx, offer, { newAddress: address, addressError: ctx.t.offers.addressExists }, 409);
      return seeOther(c, `/admin/offers/${offer.id}?saved=1`);
    }),
  )
  .post("/offers/:id/addresses/:addressId/delete", (c) =>
    withOffer(c, async (ctx, offer) => {
      const addressId = idParam(c.req.param("addressId"));
      if (addressId === null) return notFoundPage(c, ctx.t);
      const outcome = await removeNotificationAddress(ctx.db, ctx.admin.companyId, offer.id, addressId);
      if (outcome === "last") return offerPage(c, ctx, offer, { addressError: ctx.t.offers.lastAddress }, 409);
      return seeOther(c, `/admin/offers/${offer.id}?saved=1`);
    }),
  );

type Offer = NonNullable<Awaited<ReturnType<AdminPageContext["scope"]["offer"]>>>;

/** Looks the offer up in the admin's company; anything else is the 404 page. */
async function withOffer(c: Context<AppContext>, then: (ctx: AdminPageContext, offer: Offer) => Promise<Response>) {
  const ctx = await adminContext(c);
  const offerId = idParam(c.req.param("id"));
  const offer = offerId === null ? null : await ctx.scope.offer(offerId);
  return offer ? then(ctx, offer) : notFoundPage(c, ctx.t);
}

async function offerPage(c: Context<AppContext>, ctx: AdminPageContext, offer: Offer, state: OfferFormState & { saved?: boolean }, status: 200 | 400 | 409 = 200) {
  const addresses = await offerAddresses(ctx.db, ctx.admin.companyId, offer.id);
  return render(
    c,
    ctx.frame(
      offer.title,
      "offers",
      <section class="form-page">
        <a class="back-link" href="/admin/offers">
          ← {ctx.t.offers.title}
        </a>
        <div class="page-head">
          <h1>{ctx.t.offers.settings}</h1>
          <a href={`/offers/${offer.id}`}>{ctx.t.offers.publicPage} ↗</a>
        </div>
        {state.saved && <FormAlert tone="success">{ctx.t.common.saved}</FormAlert>}
        <OfferForm t={ctx.t} offer={offer} addresses={addresses} state={state} />
      </section>,
    ),
    status,
  );
}

interface NewOfferState {
  values?: { title: string; description: string; email: string };
  errors?: { title?: string; description?: string; email?: string };
}

/** Every offer with its status and counts, a close/reopen button each, and the form for a new one. */
async function offerList(c: Context<AppContext>, ctx: AdminPageContext, state: NewOfferState, status: 200 | 400 = 200) {
  const { t } = ctx;
  const offers = await offerViews(ctx.db, ctx.admin.companyId);
  const values = state.values ?? { title: "", description: "", email: "" };
  const errors = state.errors ?? {};
  return render(
    c,
    ctx.frame(
      t.offers.title,
      "offers",
      <section>
        <div class="page-head">
          <h1>{t.offers.title}</h1>
        </div>
        <ul class="card-list">
          {offers.map((o) => (
            <li class="card offer-card" data-offer-status={o.status}>
              <h2>
                <a href={`/admin/offers/${o.id}`}>{o.title}</a> <span class={`pill ${o.status === "open" ? "pill--active" : "pill--muted"}`}>{t.offers.status[o.status]}</span>
              </h2>
              <p class="muted">{t.offers.counts(o.counts.active, o.counts.rejected)}</p>
              <p class="muted">{o.notificationEmails.join(", ")}</p>
              {o.status === "closed" && <p class="muted">{t.offers.closedHint}</p>}
              <div class="offer-card__links">
                <a href={`/admin?offerId=${o.id}`}>{t.nav.inbox}</a>
                <a href={`/offers/${o.id}`}>{t.offers.publicPage} ↗</a>
                <form method="post" action={`/admin/offers/${o.id}/status`}>
                  <input type="hidden" name="status" value={o.status === "open" ? "closed" : "open"} />
                  <button type="submit" class="link-button">
                    {o.status === "open" ? t.offers.close : t.offers.reopen}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/offers" class="card stack" aria-labelledby="new-offer-title">
          <h2 id="new-offer-title">{t.offers.create}</h2>
          <Field id="new-offer-title-input" label={t.offers.offerTitle} error={errors.title}>
            <input id="new-offer-title-input" name="title" value={values.title} required maxlength={200} {...controlAria("new-offer-title-input", errors.title)} />
          </Field>
          <Field id="new-offer-description" label={t.offers.description} error={errors.description}>
            <textarea id="new-offer-description" name="description" rows={4} {...controlAria("new-offer-description", errors.description)}>
              {values.description}
            </textarea>
          </Field>
          <Field id="new-offer-email" label={t.offers.firstAddress} error={errors.email}>
            <input id="new-offer-email" type="email" name="email" value={values.email} required maxlength={254} {...controlAria("new-offer-email", errors.email)} />
          </Field>
          <div>
            <button type="submit" class="button button--primary">
              {t.offers.createSubmit}
            </button>
          </div>
        </form>
      </section>,
    ),
    status,
  );
}
