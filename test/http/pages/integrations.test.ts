// The integrations page (/admin/settings/integrations): API tokens and webhooks without JavaScript, through the same
// functions as the JSON API. A new token and a webhook's secret are shown once; bad input keeps what was typed.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { app } from "../../../src/http/app";
import { APP, call, demoWorld, json } from "../../support/http";
import { html, unescapeHtml } from "./support";

const SINK = inject("webhookSink");
const PAGE = "/admin/settings/integrations";
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

/** A form post as a browser sends it, repeated keys (checkboxes) included. */
const post = (path: string, cookie: string, fields: [string, string][]) =>
  SELF.fetch(
    new Request(`${APP}${path}`, {
      method: "POST",
      headers: { Origin: env.APP_URL, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    }),
  );
const bearer = (token: string) => SELF.fetch(`${APP}/api/offers`, { headers: { Authorization: `Bearer ${token}` } });
const attribute = (page: string, marker: string) => unescapeHtml(new RegExp(`value="([^"]+)"[^>]*${marker}`).exec(page)?.[1] ?? "");

describe("API tokens on the integrations page", () => {
  it("makes a token shown once that works as Bearer, lists it with its maker and last use, and revokes it after asking", async () => {
    const settings = await html(await call("/admin/settings", { cookie: world.jana }));
    expect(settings).toContain(`href="${PAGE}"`);
    expect(await html(await call(PAGE, { cookie: world.jana }))).toContain("Zatím žádný token.");

    const made = await html(await post(`${PAGE}/tokens`, world.jana, [["name", "ATS synchronizace"]]), 201);
    expect(made).toContain("ukážeme ho jen teď a už nikdy znovu");
    const token = attribute(made, "data-new-token");
    expect(token).toMatch(/^cct_/);
    expect((await bearer(token)).status).toBe(200);

    // Shown once: the list names it, its maker and when it was last used, never the token.
    let list = "";
    for (let i = 0; i < 50 && !/data-last-used="\d+"/.test(list); i++) list = await html(await call(PAGE, { cookie: world.petr }));
    expect(list).toContain("ATS synchronizace");
    expect(list).toContain("Jana Nováková");
    expect(list).toMatch(/data-last-used="\d+"/);
    expect(list).not.toContain(token);
    const id = /data-token="(\d+)"/.exec(list)![1]!;

    // Revoking asks first; another company's admin finds nothing to revoke.
    expect((await call(`${PAGE}/tokens/${id}/revoke`, { cookie: world.eva })).status).toBe(404);
    expect((await post(`${PAGE}/tokens/${id}/revoke`, world.eva, [])).status).toBe(404);
    expect((await bearer(token)).status).toBe(200);
    const ask = await html(await call(`${PAGE}/tokens/${id}/revoke`, { cookie: world.petr }));
    expect(ask).toContain("Zrušit token „ATS synchronizace“?");
    expect(ask).toContain(`action="${PAGE}/tokens/${id}/revoke"`);
    const revoked = await post(`${PAGE}/tokens/${id}/revoke`, world.petr, []);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("Location")).toBe(`${PAGE}?done=revoked`);
    expect(await html(await call(revoked.headers.get("Location")!, { cookie: world.petr }))).toContain("Token je zrušený.");
    expect((await bearer(token)).status).toBe(401);
  });

  it("refuses a name that is empty or too long, keeping what was typed", async () => {
    expect(await html(await post(`${PAGE}/tokens`, world.eva, [["name", "  "]]), 400)).toContain("Name the token (at most 100 characters).");
    const long = "x".repeat(101);
    expect(await html(await post(`${PAGE}/tokens`, world.eva, [["name", long]]), 400)).toContain(`value="${long}"`);
    expect((await json(await call("/api/tokens", { cookie: world.eva }))).tokens).toEqual([]);
  });
});

describe("webhooks on the integrations page", () => {
  it("adds one with its secret shown once, lists its deliveries, enables a disabled one and deletes it", async () => {
    const url = `${SINK}/page-hook`;
    const made = await html(
      await post(`${PAGE}/webhooks`, world.eva, [
        ["url", url],
        ["events", "application.created"],
        ["events", "message.created"],
      ]),
      201,
    );
    expect(made).toContain("it is shown only this once");
    expect(attribute(made, "data-new-secret")).toMatch(/^whsec_/);
    const [hook] = (await json(await call("/api/webhooks", { cookie: world.eva }))).webhooks;
    expect(hook).toMatchObject({ url, events: ["application.created", "message.created"], active: true });

    // An event goes out; the list shows the response code, the webhook's page the delivery.
    await call(`/api/offers/${world.globex.offerId}/applications`, { json: { name: "Page Hook", email: "page-hook@example.net" } });
    let list = "";
    for (let i = 0; i < 50 && !list.includes('data-response="204"'); i++) list = await html(await call(PAGE, { cookie: world.eva }));
    expect(list).toContain('data-response="204"');
    expect(list).toContain("New application, New message");
    expect(list).toContain(`href="${PAGE}/webhooks/${hook.id}"`);
    const details = await html(await call(`${PAGE}/webhooks/${hook.id}`, { cookie: world.eva }));
    expect(details).toMatch(/data-status="succeeded"/);
    expect(details).toContain("<code>application.created</code>");
    expect(details).not.toContain("/enable");
    await html(await call(`${PAGE}/webhooks/${hook.id}`, { cookie: world.jana }), 404);

    // Disabled (as five failures in a row would): the page says so and enables it again.
    await env.DB.prepare("UPDATE webhooks SET disabled_at = ?, consecutive_failures = 5 WHERE id = ?").bind(Date.now(), hook.id).run();
    expect(await html(await call(PAGE, { cookie: world.eva }))).toContain('data-active="false"');
    const disabled = await html(await call(`${PAGE}/webhooks/${hook.id}`, { cookie: world.eva }));
    expect(disabled).toContain("Disabled since");
    expect(disabled).toContain("5 deliveries in a row failed");
    expect((await post(`${PAGE}/webhooks/${hook.id}/enable`, world.jana, [])).status).toBe(404);
    const enabled = await post(`${PAGE}/webhooks/${hook.id}/enable`, world.eva, []);
    expect(enabled.status).toBe(303);
    expect(await html(await call(enabled.headers.get("Location")!, { cookie: world.eva }))).toContain("The webhook is enabled again.");
    expect((await json(await call("/api/webhooks", { cookie: world.eva }))).webhooks[0]).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });

    expect((await post(`${PAGE}/webhooks/${hook.id}/delete`, world.jana, [])).status).toBe(404);
    const deleted = await post(`${PAGE}/webhooks/${hook.id}/delete`, world.eva, []);
    expect(deleted.headers.get("Location")).toBe(`${PAGE}?done=deleted`);
    expect(await html(await call(deleted.headers.get("Location")!, { cookie: world.eva }))).toContain("The webhook is deleted.");
    expect((await json(await call("/api/webhooks", { cookie: world.eva }))).webhooks).toEqual([]);
  });

  it("says what is wrong with the address or the events, keeping what was typed and chosen", async () => {
    const bad = await html(
      await post(`${PAGE}/webhooks`, world.eva, [
        ["url", "not a url"],
        ["events", "message.created"],
      ]),
      400,
    );
    expect(bad).toContain("Enter the whole address, with https://.");
    expect(bad).toContain('value="not a url"');
    expect(bad).toMatch(/value="message.created" checked/);
    const none = await html(await post(`${PAGE}/webhooks`, world.eva, [["url", `${SINK}/no-events`]]), 400);
    expect(none).toContain("Choose at least one event.");
    expect(none).toContain(`value="${SINK}/no-events"`);

    // In production a private address is refused.
    const ctx = createExecutionContext();
    const production = { ...env, ENVIRONMENT: "production" } as typeof env;
    const res = await app.request(
      `${PAGE}/webhooks`,
      {
        method: "POST",
        headers: { Origin: env.APP_URL, Cookie: world.eva, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([
          ["url", "https://10.0.0.7/hook"],
          ["events", "application.updated"],
        ]).toString(),
      },
      production,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const privatePage = await html(res, 400);
    expect(privatePage).toContain("Private and local addresses are not allowed.");
    expect(privatePage).toContain('value="https://10.0.0.7/hook"');
    expect((await json(await call("/api/webhooks", { cookie: world.eva }))).webhooks).toEqual([]);
  });
});
