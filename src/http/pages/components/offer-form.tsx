import type { PageText } from "../../../i18n/pages";
import { controlAria, Field } from "./field";

export interface OfferFormState {
  errors?: { title?: string; description?: string };
  newAddress?: string;
  addressError?: string;
}

interface OfferFormProps {
  t: PageText;
  offer: { id: number; title: string; description: string };
  addresses: { id: number; email: string }[];
  state: OfferFormState;
}

/** Wording of the offer, then its notification addresses (each removable while more than one is left). */
export function OfferForm({ t, offer, addresses, state }: OfferFormProps) {
  const errors = state.errors ?? {};
  return (
    <>
      <form method="post" action={`/admin/offers/${offer.id}`} class="card stack">
        <Field id="offer-title" label={t.offers.offerTitle} error={errors.title}>
          <input id="offer-title" name="title" value={offer.title} required maxlength={200} {...controlAria("offer-title", errors.title)} />
        </Field>
        <Field id="offer-description" label={t.offers.description} error={errors.description}>
          <textarea id="offer-description" name="description" rows={8} {...controlAria("offer-description", errors.description)}>
            {offer.description}
          </textarea>
        </Field>
        <div>
          <button type="submit" class="button button--primary">
            {t.common.save}
          </button>
        </div>
      </form>
      <section class="card stack" aria-labelledby="addresses-title">
        <h2 id="addresses-title">{t.offers.addresses}</h2>
        <p class="muted">{t.offers.addressesHint}</p>
        <ul class="address-list">
          {addresses.map((a) => (
            <li>
              <span>{a.email}</span>
              {addresses.length > 1 && (
                <form method="post" action={`/admin/offers/${offer.id}/addresses/${a.id}/delete`}>
                  <button type="submit" class="link-button link-button--danger" aria-label={`${t.common.remove}: ${a.email}`}>
                    {t.common.remove}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        <form method="post" action={`/admin/offers/${offer.id}/addresses`} class="inline-form">
          <Field id="new-address" label={t.offers.newAddress} error={state.addressError}>
            <input id="new-address" type="email" name="email" value={state.newAddress ?? ""} required maxlength={254} {...controlAria("new-address", state.addressError)} />
          </Field>
          <button type="submit" class="button">
            {t.offers.addAddress}
          </button>
        </form>
      </section>
    </>
  );
}
