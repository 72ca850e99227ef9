import { Hono, type Context } from "hono";
import { z } from "zod";
import { addNotificationAddress, offerAddresses, removeNotificationAddress, updateOffer } from "../../../db/offers";
import type { AppContext } from "../../types";
import { email, freeText, offerTitle } from "../../validation";
import { FormAlert } from "../components/field";
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
  .get("/offers", async (c) => {
    const ctx = await adminContext(c);
    const offers = await ctx.scope.offers();
    return render(
      c,
      ctx.frame(
        ctx.t.offers.title,
        "offers",
        <section>
          <div class="page-head">
            <h1>{ctx.t.offers.title}</h1>
          </div>
          <ul class="card-list">
            {offers.map((o) => (
              <li class="card offer-card">
                <h2>
                  <a href={`/admin/offers/${o.id}`}>{o.title}</a>
                </h2>
                <p class="muted">{o.notificationEmails.join(", ")}</p>
                <p class="offer-card__links">
                  <a href={`/admin?offerId=${o.id}`}>{ctx.t.nav.inbox}</a>
                  <a href={`/offers/${o.id}`}>{ctx.t.offers.publicPage} ↗</a>
                </p>
              </li>
            ))}
          </ul>
        </section>,
      ),
    );
  })
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
