import type { PageText } from "../../../i18n/pages";
import { controlAria, Field } from "./field";

export interface AddCandidateValues {
  offerId?: number;
  name?: string;
  email?: string;
}

/** Manual add: offer, name, email → POST /admin/candidates (errors come back on /admin/candidates/new). */
export function AddCandidateForm(props: {
  t: PageText;
  offers: { id: number; title: string }[];
  values?: AddCandidateValues;
  errors?: { offerId?: string; name?: string; email?: string };
}) {
  const { t, values = {}, errors = {} } = props;
  return (
    <form method="post" action="/admin/candidates" class="stack">
      <Field id="add-offer" label={t.addCandidate.offer} error={errors.offerId}>
        <select id="add-offer" name="offerId" required {...controlAria("add-offer", errors.offerId)}>
          {props.offers.map((o) => (
            <option value={String(o.id)} selected={o.id === values.offerId}>
              {o.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="add-name" label={t.addCandidate.name} error={errors.name}>
        <input id="add-name" name="name" value={values.name ?? ""} required maxlength={200} autocomplete="off" {...controlAria("add-name", errors.name)} />
      </Field>
      <Field id="add-email" label={t.addCandidate.email} error={errors.email}>
        <input id="add-email" type="email" name="email" value={values.email ?? ""} required maxlength={254} autocomplete="off" {...controlAria("add-email", errors.email)} />
      </Field>
      <button type="submit" class="button">
        {t.addCandidate.submit}
      </button>
    </form>
  );
}
