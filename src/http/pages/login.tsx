import { Hono, type Context } from "hono";
import { logIn } from "../../accounts/login";
import { endSession } from "../../accounts/sessions";
import { database } from "../../db/client";
import type { PageText } from "../../i18n/pages";
import { clearSessionCookie, writeSessionCookie } from "../session-cookie";
import type { AppContext } from "../types";
import { controlAria, Field, FormAlert } from "./components/field";
import { LangSwitch } from "./components/lang-switch";
import { PublicFrame } from "./components/public-frame";
import { formFields, safeNext } from "./forms";
import { visitorText } from "./locale";
import { render, seeOther } from "./render";

export const loginPages = new Hono<AppContext>()
  .get("/login", (c) => {
    const next = safeNext(c.req.query("next"), c.env.APP_URL);
    if (c.get("admin")) return c.redirect(next, 303);
    return render(c, <LoginPage t={visitorText(c)} next={next} path={pathOf(c)} />);
  })
  .post("/login", async (c) => {
    const t = visitorText(c);
    const { email = "", password = "", next } = await formFields(c);
    const result = await logIn(database(c.env.DB), c.env.LINK_SECRET, { email, password, ip: c.req.header("CF-Connecting-IP") ?? null });
    if (result.ok) {
      writeSessionCookie(c, result.token);
      return seeOther(c, safeNext(next, c.env.APP_URL));
    }
    const page = (error: string) => <LoginPage t={t} next={safeNext(next, c.env.APP_URL)} email={email} error={error} path={pathOf(c)} />;
    if (result.reason === "rate_limited") {
      c.header("Retry-After", String(result.retryAfter));
      return render(c, page(t.login.rateLimited(Math.ceil(result.retryAfter / 60))), 429);
    }
    if (result.reason === "email_unconfirmed") return render(c, page(t.login.unconfirmed), 403);
    return render(c, page(t.login.wrong), 401);
  })
  .post("/logout", async (c) => {
    const session = c.get("session");
    if (session) await endSession(database(c.env.DB), session.tokenHash);
    clearSessionCookie(c);
    return seeOther(c, "/login");
  });

function pathOf(c: Context) {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

function LoginPage({ t, next, email, error, path }: { t: PageText; next: string; email?: string; error?: string; path: string }) {
  return (
    <PublicFrame t={t} title={t.login.title}>
      <div class="corner">
        <LangSwitch t={t} next={path} />
      </div>
      <section class="card auth">
        <p class="brand brand--large">
          <span class="brand__mark" aria-hidden="true">
            ◆
          </span>{" "}
          {t.appName}
        </p>
        <h1>{t.login.title}</h1>
        <p class="muted">{t.login.intro}</p>
        {error && <FormAlert>{error}</FormAlert>}
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={next} />
          <Field id="login-email" label={t.login.email}>
            <input id="login-email" type="email" name="email" value={email ?? ""} autocomplete="username" required autofocus {...controlAria("login-email")} />
          </Field>
          <Field id="login-password" label={t.login.password}>
            <input id="login-password" type="password" name="password" autocomplete="current-password" required />
          </Field>
          <button type="submit" class="button button--primary button--block">
            {t.login.submit}
          </button>
        </form>
        <p class="muted link-line">
          <a href="/signup">{t.login.signup}</a>
        </p>
      </section>
    </PublicFrame>
  );
}
