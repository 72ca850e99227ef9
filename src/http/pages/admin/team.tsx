import { Hono, type Context } from "hono";
import { z } from "zod";
import { createInvitation } from "../../../accounts/invitations";
import { pendingInvitations } from "../../../db/invitations";
import { committed } from "../../commit";
import { invitationUrl } from "../../../email/templates";
import type { AppContext } from "../../types";
import { email } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { formatDate } from "../format";
import { check, formFields } from "../forms";
import { render } from "../render";
import { adminContext, type AdminPageContext } from "./context";

interface InviteState {
  email?: string;
  error?: string;
  /** Just created: shown once, since only its hash is stored. */
  invited?: { email: string; link: string };
}

/** The company's admins and invitations of new colleagues. */
export const teamPages = new Hono<AppContext>()
  .get("/team", async (c) => teamPage(c, await adminContext(c), {}))
  .post("/team/invitations", async (c) => {
    const ctx = await adminContext(c);
    const { email: address = "" } = await formFields(c);
    const checked = check(z.object({ email }), { email: address });
    if (!checked.ok) return teamPage(c, ctx, { email: address, error: ctx.t.errors.email }, 400);
    const created = await committed(c, createInvitation(c.env, ctx.admin, checked.data.email));
    if (!created.ok) return teamPage(c, ctx, { email: address, error: ctx.t.team.alreadyMember }, 409);
    // Rendered rather than redirected: the link exists only now (stored hashed), and it works without email.
    return teamPage(c, ctx, { invited: { email: checked.data.email, link: invitationUrl(c.env.APP_URL, created.token) } }, 201);
  });

async function teamPage(c: Context<AppContext>, ctx: AdminPageContext, state: InviteState, status: 200 | 201 | 400 | 409 = 200) {
  const { t } = ctx;
  const [members, pending] = await Promise.all([ctx.scope.admins(), pendingInvitations(ctx.db, ctx.admin.companyId)]);
  return render(
    c,
    ctx.frame(
      t.team.title,
      "team",
      <section class="form-page">
        <div class="page-head">
          <h1>{t.team.title}</h1>
        </div>
        <section class="card" aria-labelledby="members-title">
          <h2 id="members-title">{t.team.members}</h2>
          <ul class="member-list">
            {members.map((m) => (
              <li>
                <span class="member-list__name">
                  {m.name}
                  {m.id === ctx.admin.id && <span class="muted"> ({t.team.you})</span>}
                </span>
                <span class="muted">{m.email}</span>
              </li>
            ))}
          </ul>
        </section>
        <section class="card stack" aria-labelledby="invite-title">
          <h2 id="invite-title">{t.team.invite}</h2>
          {state.invited && (
            <FormAlert tone="success">
              <p>{t.team.invited(state.invited.email)}</p>
              <input class="copyable" type="text" readonly value={state.invited.link} aria-label={t.team.invite} data-invitation-link />
            </FormAlert>
          )}
          <form method="post" action="/admin/team/invitations" class="inline-form">
            <Field id="invite-email" label={t.team.inviteEmail} error={state.error}>
              <input id="invite-email" type="email" name="email" value={state.email ?? ""} required maxlength={254} {...controlAria("invite-email", state.error)} />
            </Field>
            <button type="submit" class="button button--primary">
              {t.team.inviteSubmit}
            </button>
          </form>
          {pending.length > 0 && (
            <>
              <h3>{t.team.pending}</h3>
              <ul class="member-list">
                {pending.map((p) => (
                  <li>
                    <span>{p.email}</span>
                    <span class="muted">{t.team.expires(formatDate(t, p.expiresAt))}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </section>,
    ),
    status,
  );
}
