import { Hono, type Context } from "hono";
import { z } from "zod";
import { acceptInvitation, lookUpInvitation, MIN_PASSWORD_LENGTH } from "../../accounts/invitations";
import { startSession } from "../../accounts/sessions";
import { database } from "../../db/client";
import type { PageText } from "../../i18n/pages";
import { writeSessionCookie } from "../session-cookie";
import type { AppContext } from "../types";
import { personName } from "../validation";
import { controlAria, Field } from "./components/field";
import { NoticePage, PublicFrame } from "./components/public-frame";
import { check, formFields } from "./forms";
import { visitorText } from "./locale";
import { render, seeOther } from "./render";

const acceptSchema = z
  .object({ name: personName, password: z.string().min(MIN_PASSWORD_LENGTH).max(1000), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"] });

type Errors = { name?: string; password?: string; confirm?: string };

/** Accepting an invitation: choose a name and password, get signed in, land in the company's inbox. */
export const invitePages = new Hono<AppContext>()
  .get("/invite/:token", async (c) => {
    const token = c.req.param("token");
    const found = await lookUpInvitation(database(c.env.DB), token);
    const t = visitorText(c, found.companyLocale);
    if (found.status !== "valid") return gone(c, t, found.status);
    return render(c, <InvitePage t={t} token={token} email={found.email} company={found.companyName} />);
  })
  .post("/invite/:token", async (c) => {
    const token = c.req.param("token");
    const db = database(c.env.DB);
    const found = await lookUpInvitation(db, token);
    const t = visitorText(c, found.companyLocale);
    if (found.status !== "valid") return gone(c, t, found.status);
    const fields = await formFields(c);
    const checked = check(acceptSchema, { name: fields.name ?? "", password: fields.password ?? "", confirm: fields.confirm ?? "" });
    if (!checked.ok) {
      const errors: Errors = {
        name: checked.invalid.has("name") ? t.errors.name : undefined,
        password: checked.invalid.has("password") ? t.errors.passwordShort : undefined,
        confirm: checked.invalid.has("confirm") && !checked.invalid.has("password") ? t.errors.passwordMismatch : undefined,
      };
      return render(c, <InvitePage t={t} token={token} email={found.email} company={found.companyName} name={fields.name} errors={errors} />, 400);
    }
    const accepted = await acceptInvitation(c.env.DB, token, { name: checked.data.name, password: checked.data.password });
    if (!accepted.ok) return gone(c, t, "used");
    writeSessionCookie(c, await startSession(db, c.env.LINK_SECRET, accepted.admin));
    return seeOther(c, "/admin");
  });

function gone(c: Context, t: PageText, status: "expired" | "used" | "invalid") {
  return render(
    c,
    <NoticePage t={t} title={t.invite.goneTitle}>
      <p>{t.invite[status]}</p>
      <p>
        <a class="button" href="/login">
          {t.invite.toLogin}
        </a>
      </p>
    </NoticePage>,
    status === "invalid" ? 404 : 410,
  );
}

function InvitePage(props: { t: PageText; token: string; email: string; company: string; name?: string; errors?: Errors }) {
  const { t, errors = {} } = props;
  return (
    <PublicFrame t={t} title={t.invite.title(props.company)}>
      <section class="card auth">
        <h1>{t.invite.title(props.company)}</h1>
        <p class="muted">{t.invite.intro(props.email)}</p>
        <form method="post" action={`/invite/${encodeURIComponent(props.token)}`} class="stack">
          <Field id="invite-name" label={t.invite.name} error={errors.name}>
            <input id="invite-name" name="name" value={props.name ?? ""} required maxlength={200} autocomplete="name" {...controlAria("invite-name", errors.name)} />
          </Field>
          <Field id="invite-password" label={t.invite.password} hint={t.invite.passwordHint} error={errors.password}>
            <input
              id="invite-password"
              type="password"
              name="password"
              required
              minlength={8}
              autocomplete="new-password"
              {...controlAria("invite-password", errors.password, t.invite.passwordHint)}
            />
          </Field>
          <Field id="invite-confirm" label={t.invite.confirm} error={errors.confirm}>
            <input id="invite-confirm" type="password" name="confirm" required minlength={8} autocomplete="new-password" {...controlAria("invite-confirm", errors.confirm)} />
          </Field>
          <button type="submit" class="button button--primary button--block">
            {t.invite.submit}
          </button>
        </form>
      </section>
    </PublicFrame>
  );
}
