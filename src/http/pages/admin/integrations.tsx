import { Hono, type Context } from "hono";
import { z } from "zod";
import { issueApiToken } from "../../../accounts/api-tokens";
import { companyApiToken, companyApiTokens, deleteApiToken } from "../../../db/api-tokens";
import { WEBHOOK_EVENTS, type webhookDeliveries, type webhooks } from "../../../db/schema";
import { companyWebhook, companyWebhooks, deleteWebhook, deliveriesOf, DELIVERIES_SHOWN, latestDeliveries } from "../../../db/webhooks";
import { createWebhook, setWebhookOn } from "../../../webhooks/endpoint";
import { DISABLE_AFTER_FAILURES } from "../../../webhooks/attempt";
import type { AppContext } from "../../types";
import { apiTokenName, webhookFields } from "../../validation";
import { controlAria, Field, FormAlert } from "../components/field";
import { notFoundPage } from "../errors";
import { formatDateTime } from "../format";
import { check, formFields, idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext, type AdminPageContext } from "./context";

const BASE = "/admin/settings/integrations";
/** How many of each webhook's latest deliveries the list shows (their response codes). */
const LIST_DELIVERIES = 5;

type Delivery = typeof webhookDeliveries.$inferSelect;

interface PageState {
  notice?: string;
  token?: { name?: string; error?: string; made?: { name: string; token: string } };
  webhook?: { url?: string; events?: string[]; urlError?: string; eventsError?: string; made?: { url: string; secret: string } };
}

/**
 * API tokens and webhooks on a page of their own (linked from the company settings), through the same functions
 * as /api/tokens and /api/webhooks. A new token and a new webhook's secret are shown once, on the answer to the
 * form that made them: only then do they exist outside the database (a token not even there, only its hash).
 */
export const integrationsPages = new Hono<AppContext>()
  .get("/settings/integrations", async (c) => {
    const ctx = await adminContext(c);
    const done = c.req.query("done");
    const notice = done === "revoked" ? ctx.t.integrations.revoked : done === "deleted" ? ctx.t.integrations.deleted : undefined;
    return integrationsPage(c, ctx, { notice });
  })
  .post("/settings/integrations/tokens", async (c) => {
    const ctx = await adminContext(c);
    const { name = "" } = await formFields(c);
    const checked = check(z.object({ name: apiTokenName }), { name });
    if (!checked.ok) return integrationsPage(c, ctx, { token: { name, error: ctx.t.integrations.tokenNameError } }, 400);
    const made = await issueApiToken(ctx.db, ctx.admin, checked.data.name);
    return integrationsPage(c, ctx, { token: { made: { name: made.name, token: made.token } } }, 201);
  })
  .get("/settings/integrations/tokens/:id/revoke", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    const token = id === null ? null : await companyApiToken(ctx.db, ctx.admin.companyId, id);
    return token ? revokePage(c, ctx, token) : notFoundPage(c, ctx.t);
  })
  .post("/settings/integrations/tokens/:id/revoke", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    if (id === null || !(await deleteApiToken(ctx.db, ctx.admin.companyId, id))) return notFoundPage(c, ctx.t);
    return seeOther(c, `${BASE}?done=revoked`);
  })
  .post("/settings/integrations/webhooks", async (c) => {
    const ctx = await adminContext(c);
    const { t } = ctx;
    const body = await c.req.parseBody({ all: true });
    const url = typeof body.url === "string" ? body.url : "";
    const events = [body.events ?? []].flat().filter((e): e is string => typeof e === "string");
    const checked = check(webhookFields, { url, events });
    const refused = (state: Omit<NonNullable<PageState["webhook"]>, "url" | "events">) => integrationsPage(c, ctx, { webhook: { url, events, ...state } }, 400);
    if (!checked.ok) {
      return refused({
        urlError: checked.invalid.has("url") ? t.integrations.urlErrors.tooLong : undefined,
        eventsError: checked.invalid.has("events") ? t.integrations.eventsError : undefined,
      });
    }
    const made = await createWebhook(ctx.db, ctx.admin.companyId, checked.data, c.env.ENVIRONMENT);
    if (!made.ok) return refused({ urlError: t.integrations.urlErrors[made.problem] });
    return integrationsPage(c, ctx, { webhook: { made: { url: made.webhook.url, secret: made.webhook.secret } } }, 201);
  })
  .get("/settings/integrations/webhooks/:id", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    const hook = id === null ? null : await companyWebhook(ctx.db, ctx.admin.companyId, id);
    if (!hook) return notFoundPage(c, ctx.t);
    return webhookPage(c, ctx, hook, await deliveriesOf(ctx.db, hook.id), c.req.query("done") === "enabled");
  })
  .post("/settings/integrations/webhooks/:id/enable", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    if (id === null || !(await setWebhookOn(c.env, ctx.db, ctx.admin.companyId, id, true))) return notFoundPage(c, ctx.t);
    return seeOther(c, `${BASE}/webhooks/${id}?done=enabled`);
  })
  .post("/settings/integrations/webhooks/:id/delete", async (c) => {
    const ctx = await adminContext(c);
    const id = idParam(c.req.param("id"));
    if (id === null || !(await deleteWebhook(ctx.db, ctx.admin.companyId, id))) return notFoundPage(c, ctx.t);
    return seeOther(c, `${BASE}?done=deleted`);
  });

async function integrationsPage(c: Context<AppContext>, ctx: AdminPageContext, state: PageState, status: 200 | 201 | 400 = 200) {
  const { t } = ctx;
  const it = t.integrations;
  const [tokens, hooks] = await Promise.all([companyApiTokens(ctx.db, ctx.admin.companyId), companyWebhooks(ctx.db, ctx.admin.companyId)]);
  const latest = await latestDeliveries(
    ctx.db,
    hooks.map((h) => h.id),
    LIST_DELIVERIES,
  );
  const chosen = new Set(state.webhook?.events ?? []);
  return render(
    c,
    ctx.frame(
      it.title,
      "settings",
      <section class="form-page">
        <a class="back-link" href="/admin/settings">
          ← {it.back}
        </a>
        <div class="page-head">
          <h1>{it.title}</h1>
        </div>
        {state.notice && <FormAlert tone="success">{state.notice}</FormAlert>}

        <section class="card stack" aria-labelledby="tokens-title">
          <h2 id="tokens-title">{it.tokens}</h2>
          <p class="muted">{it.tokensHint}</p>
          {state.token?.made && (
            <FormAlert tone="success">
              <p>{it.tokenCreated(state.token.made.name)}</p>
              <p>
                <strong>{it.shownOnce}</strong>
              </p>
              <input class="copyable" type="text" readonly value={state.token.made.token} aria-label={state.token.made.name} data-new-token />
            </FormAlert>
          )}
          {tokens.length === 0 ? (
            <p class="muted">{it.noTokens}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{it.name}</th>
                  <th scope="col">{it.createdBy}</th>
                  <th scope="col">{it.created}</th>
                  <th scope="col">{it.lastUsed}</th>
                  <th scope="col">
                    <span class="visually-hidden">{it.revoke}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr data-token={String(token.id)}>
                    <td>{token.name}</td>
                    <td>{token.admin.name}</td>
                    <td>{formatDateTime(t, token.createdAt)}</td>
                    <td data-last-used={token.lastUsedAt === null ? "" : String(token.lastUsedAt)}>{token.lastUsedAt === null ? it.never : formatDateTime(t, token.lastUsedAt)}</td>
                    <td>
                      <a class="button button--danger" href={`${BASE}/tokens/${token.id}/revoke`}>
                        {it.revoke}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={`${BASE}/tokens`} class="inline-form">
            <Field id="token-name" label={it.tokenName} hint={it.tokenNameHint} error={state.token?.error}>
              <input
                id="token-name"
                type="text"
                name="name"
                value={state.token?.name ?? ""}
                required
                maxlength={100}
                {...controlAria("token-name", state.token?.error, it.tokenNameHint)}
              />
            </Field>
            <button type="submit" class="button button--primary">
              {it.createToken}
            </button>
          </form>
        </section>

        <section class="card stack" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">{it.webhooks}</h2>
          <p class="muted">{it.webhooksHint}</p>
          {state.webhook?.made && (
            <FormAlert tone="success">
              <p>{it.webhookCreated(state.webhook.made.url)}</p>
              <p>
                <strong>{it.secretShownOnce}</strong>
              </p>
              <input class="copyable" type="text" readonly value={state.webhook.made.secret} aria-label={it.secret} data-new-secret />
            </FormAlert>
          )}
          {hooks.length === 0 ? (
            <p class="muted">{it.noWebhooks}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{it.url}</th>
                  <th scope="col">{it.events}</th>
                  <th scope="col">{it.state}</th>
                  <th scope="col">{it.lastDeliveries}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((hook) => (
                  <tr data-webhook={String(hook.id)} data-active={hook.disabledAt === null ? "true" : "false"}>
                    <td class="data-table__url">
                      <a href={`${BASE}/webhooks/${hook.id}`}>{hook.url}</a>
                    </td>
                    <td>{eventNames(ctx, hook)}</td>
                    <td>
                      <HookState ctx={ctx} hook={hook} />
                    </td>
                    <td>
                      <DeliveryCodes ctx={ctx} deliveries={latest.get(hook.id) ?? []} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={`${BASE}/webhooks`} class="stack">
            <Field id="webhook-url" label={it.url} hint={it.urlHint} error={state.webhook?.urlError}>
              <input
                id="webhook-url"
                type="url"
                name="url"
                value={state.webhook?.url ?? ""}
                required
                maxlength={2000}
                {...controlAria("webhook-url", state.webhook?.urlError, it.urlHint)}
              />
            </Field>
            <fieldset class={state.webhook?.eventsError ? "field field--invalid" : "field"} aria-describedby={state.webhook?.eventsError ? "webhook-events-error" : undefined}>
              <legend>{it.events}</legend>
              {WEBHOOK_EVENTS.map((event) => (
                <label class="checkbox">
                  <input type="checkbox" name="events" value={event} checked={chosen.has(event)} /> {it.eventNames[event]} <code>{event}</code>
                </label>
              ))}
              {state.webhook?.eventsError && (
                <p class="field__error" id="webhook-events-error" role="alert">
                  {state.webhook.eventsError}
                </p>
              )}
            </fieldset>
            <div>
              <button type="submit" class="button button--primary">
                {it.createWebhook}
              </button>
            </div>
          </form>
        </section>
      </section>,
    ),
    status,
  );
}

/** Asks before revoking: whatever uses the token stops at once, and it cannot be brought back. */
function revokePage(c: Context<AppContext>, ctx: AdminPageContext, token: { id: number; name: string }) {
  const it = ctx.t.integrations;
  return render(
    c,
    ctx.frame(
      it.revokeTitle(token.name),
      "settings",
      <section class="card stack narrow" aria-labelledby="revoke-title">
        <a class="back-link" href={BASE}>
          ← {it.title}
        </a>
        <h1 id="revoke-title">{it.revokeTitle(token.name)}</h1>
        <p>{it.revokeExplain}</p>
        <form method="post" action={`${BASE}/tokens/${token.id}/revoke`} class="row">
          <button type="submit" class="button button--danger">
            {it.revokeConfirm}
          </button>
          <a class="button" href={BASE}>
            {ctx.t.common.cancel}
          </a>
        </form>
      </section>,
    ),
  );
}

function webhookPage(c: Context<AppContext>, ctx: AdminPageContext, hook: typeof webhooks.$inferSelect, deliveries: Delivery[], enabled: boolean) {
  const { t } = ctx;
  const it = t.integrations;
  return render(
    c,
    ctx.frame(
      hook.url,
      "settings",
      <section class="form-page">
        <a class="back-link" href={BASE}>
          ← {it.title}
        </a>
        <div class="page-head">
          <h1 class="data-table__url">{hook.url}</h1>
        </div>
        {enabled && <FormAlert tone="success">{it.enabled}</FormAlert>}
        <section class="card stack" data-webhook={String(hook.id)} data-active={hook.disabledAt === null ? "true" : "false"}>
          <p>
            {it.events}: {eventNames(ctx, hook)}
          </p>
          <p>
            {it.state}: <HookState ctx={ctx} hook={hook} />
          </p>
          {hook.disabledAt !== null && (
            <FormAlert tone="info">
              <p>{it.disabledExplain(DISABLE_AFTER_FAILURES)}</p>
              <form method="post" action={`${BASE}/webhooks/${hook.id}/enable`}>
                <button type="submit" class="button button--primary">
                  {it.enable}
                </button>
              </form>
            </FormAlert>
          )}
          <form method="post" action={`${BASE}/webhooks/${hook.id}/delete`}>
            <button type="submit" class="button button--danger">
              {it.deleteWebhook}
            </button>
          </form>
        </section>
        <section class="card stack" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">{it.deliveries}</h2>
          <p class="muted">{it.deliveriesHint(DELIVERIES_SHOWN)}</p>
          {deliveries.length === 0 ? (
            <p class="muted">{it.noDeliveries}</p>
          ) : (
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{it.when}</th>
                  <th scope="col">{it.event}</th>
                  <th scope="col">{it.status}</th>
                  <th scope="col">{it.attempts}</th>
                  <th scope="col">{it.response}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr data-delivery={d.id} data-status={d.status}>
                    <td>{formatDateTime(t, d.createdAt)}</td>
                    <td>
                      <code>{d.event}</code>
                    </td>
                    <td>{it.deliveryStatus[d.status]}</td>
                    <td>{String(d.attempts)}</td>
                    <td>{d.responseStatus !== null ? String(d.responseStatus) : (d.lastError ?? "—")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </section>,
    ),
  );
}

function eventNames(ctx: AdminPageContext, hook: typeof webhooks.$inferSelect): string {
  return (JSON.parse(hook.events) as string[]).map((e) => ctx.t.integrations.eventNames[e] ?? e).join(", ");
}

function HookState({ ctx, hook }: { ctx: AdminPageContext; hook: typeof webhooks.$inferSelect }) {
  const it = ctx.t.integrations;
  if (hook.disabledAt !== null) return <strong class="state state--off">{it.disabled(formatDateTime(ctx.t, hook.disabledAt))}</strong>;
  return (
    <span class="state state--on">
      {it.active}
      {hook.consecutiveFailures > 0 && <span class="muted"> · {it.failing(hook.consecutiveFailures)}</span>}
    </span>
  );
}

/** Each recent delivery's response code (or its state, before there is one), newest first. */
function DeliveryCodes({ ctx, deliveries }: { ctx: AdminPageContext; deliveries: Delivery[] }) {
  const it = ctx.t.integrations;
  if (deliveries.length === 0) return <span class="muted">{it.noDeliveries}</span>;
  return (
    <span class="delivery-codes">
      {deliveries.map((d) => (
        <span
          class={`delivery-code delivery-code--${d.status}`}
          title={`${d.event} · ${it.deliveryStatus[d.status]}`}
          data-response={d.responseStatus === null ? "" : String(d.responseStatus)}
        >
          {d.responseStatus !== null ? String(d.responseStatus) : "—"}
        </span>
      ))}
    </span>
  );
}
