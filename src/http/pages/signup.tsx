import { Hono } from "hono";
import { signUp, confirmSignup } from "../../accounts/signup";
import { DomainError } from "../../conversations/errors";
import type { PageText } from "../../i18n/pages";
import { committed } from "../commit";
import type { AppContext } from "../types";
import { signupFields } from "../validation";
import { controlAria, Field, FormAlert } from "./components/field";
import { LangSwitch } from "./components/lang-switch";
import { NoticePage, PublicFrame } from "./components/public-frame";
import { check, formFields } from "./forms";
import { visitorText } from "./locale";
import { render } from "./render";

type Values = Partial<Record<"companyName" | "name" | "email" | "locale", string>>;
type Errors = Partial<Record<"companyName" | "name" | "email" | "password" | "form", string>>;

function SentNotice({ t, email }: { t: PageText; email: string }) {
  return (
    <NoticePage t={t} title={t.signup.sentTitle} langNext={`/signup/sent?email=${encodeURIComponent(email)}`}>
      <p>{t.signup.sent(email)}</p>
    </NoticePage>
  );
}

/** Sign-up without JavaScript: the form, "check your email", and the confirmation link's landing page. */
export const signupPages = new Hono<AppContext>()
  .get("/signup", (c) => render(c, <SignupPage t={visitorText(c)} values={{}} errors={{}} />))
  .post("/signup", async (c) => {
    const t = visitorText(c);
    const fields = await formFields(c);
    const values: Values = { companyName: fields.companyName, name: fields.name, email: fields.email, locale: fields.locale };
    const checked = check(signupFields, { ...fields, locale: fields.locale ?? "" });
    if (!checked.ok) {
      const bad = checked.invalid;
      const errors: Errors = {
        companyName: bad.has("companyName") ? t.signup.companyNameError : undefined,
        name: bad.has("name") ? t.errors.name : undefined,
        email: bad.has("email") ? t.errors.email : undefined,
        password: bad.has("password") ? t.errors.passwordShort : undefined,
      };
      return render(c, <SignupPage t={t} values={values} errors={errors} />, 400);
    }
    try {
      await committed(c, signUp(c.env, { ...checked.data, ip: c.req.header("CF-Connecting-IP") ?? null }));
    } catch (error) {
      if (error instanceof DomainError && error.code === "email_taken") return render(c, <SignupPage t={t} values={values} errors={{ form: t.signup.taken }} />, 409);
      if (error instanceof DomainError && error.code === "rate_limited") return render(c, <SignupPage t={t} values={values} errors={{ form: t.signup.rateLimited }} />, 429);
      throw error;
    }
    return render(c, <SentNotice t={t} email={checked.data.email} />, 201);
  })
  // Where the "check your email" page's language switch leads: the same notice, in the other language.
  .get("/signup/sent", (c) => {
    const email = (c.req.query("email") ?? "").trim();
    return email ? render(c, <SentNotice t={visitorText(c)} email={email} />) : c.redirect("/signup", 303);
  })
  .get("/signup/confirm", async (c) => {
    const t = visitorText(c);
    const result = await confirmSignup(c.env, c.req.query("token") ?? "");
    const ok = result === "confirmed";
    return render(
      c,
      // The switch leads to the sign-in page: loading the single-use link again would say it was used.
      <NoticePage t={t} title={ok ? t.signup.confirmedTitle : result === "used" ? t.signup.usedTitle : t.signup.invalidTitle} langNext="/login">
        <p>{ok ? t.signup.confirmed : result === "used" ? t.signup.used : t.signup.invalid}</p>
        <p>
          <a class="button button--primary" href="/login">
            {t.signup.toLogin}
          </a>
        </p>
      </NoticePage>,
      ok ? 200 : result === "used" ? 409 : 400,
    );
  });

function SignupPage({ t, values, errors }: { t: PageText; values: Values; errors: Errors }) {
  const input = (id: keyof Values & string, type: string, autocomplete: string) => (
    <input
      id={`signup-${id}`}
      type={type}
      name={id}
      value={values[id] ?? ""}
      required
      maxlength={id === "email" ? 254 : 200}
      autocomplete={autocomplete}
      {...controlAria(`signup-${id}`, errors[id as keyof Errors])}
    />
  );
  return (
    <PublicFrame t={t} title={t.signup.title}>
      <div class="corner">
        <LangSwitch t={t} next="/signup" />
      </div>
      <section class="card auth">
        <h1>{t.signup.title}</h1>
        <p class="muted">{t.signup.intro}</p>
        {errors.form && (
          <FormAlert>
            {errors.form} <a href="/login">{t.signup.toLogin}</a>
          </FormAlert>
        )}
        <form method="post" action="/signup" class="stack">
          <Field id="signup-companyName" label={t.signup.companyName} error={errors.companyName}>
            {input("companyName", "text", "organization")}
          </Field>
          <Field id="signup-name" label={t.signup.name} error={errors.name}>
            {input("name", "text", "name")}
          </Field>
          <Field id="signup-email" label={t.signup.email} error={errors.email}>
            {input("email", "email", "email")}
          </Field>
          <Field id="signup-password" label={t.signup.password} hint={t.signup.passwordHint} error={errors.password}>
            <input
              id="signup-password"
              type="password"
              name="password"
              required
              minlength={8}
              autocomplete="new-password"
              {...controlAria("signup-password", errors.password, t.signup.passwordHint)}
            />
          </Field>
          <Field id="signup-locale" label={t.signup.locale}>
            <select id="signup-locale" name="locale">
              <option value="cs" selected={(values.locale ?? t.htmlLang) === "cs"}>
                Čeština
              </option>
              <option value="en" selected={(values.locale ?? t.htmlLang) === "en"}>
                English
              </option>
            </select>
          </Field>
          <button type="submit" class="button button--primary button--block">
            {t.signup.submit}
          </button>
        </form>
      </section>
    </PublicFrame>
  );
}
