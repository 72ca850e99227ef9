import type { PageText } from "../../../i18n/pages";

export interface OnboardingSteps {
  settings: boolean;
  offer: boolean;
  team: boolean;
}

/** The first steps of a company that signed up itself: each links where it is done and shows when it is. */
export function OnboardingCard({ t, companyName, steps }: { t: PageText; companyName: string; steps: OnboardingSteps }) {
  const items: [keyof OnboardingSteps, string, string, string][] = [
    ["settings", "/admin/settings", t.onboarding.settings, t.onboarding.settingsHint],
    ["offer", "/admin/offers#new-offer-title", t.onboarding.offer, t.onboarding.offerHint],
    ["team", "/admin/team", t.onboarding.team, t.onboarding.teamHint],
  ];
  return (
    <section class="panel onboarding" aria-labelledby="onboarding-title" data-onboarding>
      <h2 id="onboarding-title">{t.onboarding.title}</h2>
      <p>{t.onboarding.intro(companyName)}</p>
      <ol class="onboarding__steps">
        {items.map(([key, href, label, hint]) => (
          <li data-step={key} data-done={steps[key] ? "" : undefined}>
            {steps[key] ? (
              <span>
                <span class="onboarding__check" aria-hidden="true">
                  ✓
                </span>{" "}
                {label} <span class="visually-hidden">({t.onboarding.done})</span>
              </span>
            ) : (
              <a href={href}>{label}</a>
            )}
            <span class="field__hint">{hint}</span>
          </li>
        ))}
      </ol>
      <form method="post" action="/admin/onboarding/dismiss">
        <button type="submit" class="link-button">
          {t.onboarding.hide}
        </button>
      </form>
    </section>
  );
}
