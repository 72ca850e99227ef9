// Every page a recruiter or a candidate opens, checked with axe-core (WCAG 2.x A and AA rules) in light and dark,
// at desktop and phone widths, each with a screenshot; and bulk actions from the inbox, as a recruiter does them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { BASE, ORIGIN, SCREENSHOTS, adminContext, latestEmailTo, launch } from "./browser.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const LIVE = { timeout: 10_000 };
let browser;
let acme;

before(async () => {
  browser = await launch();
  const seeded = await fetch(`${BASE}/dev/seed`, { method: "POST", headers: { Origin: ORIGIN } });
  [acme] = (await seeded.json()).companies;
});
after(async () => browser?.close());

async function apply(name, email) {
  const res = await fetch(`${BASE}/api/offers/${acme.offerId}/applications`, {
    method: "POST",
    headers: { Origin: ORIGIN, "Content-Type": "application/json" },
    body: JSON.stringify({ name, email, message: "Dobrý den, mám zájem." }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).applicationId;
}

test("bulk: a recruiter ticks two conversations in the inbox and messages both, each with their own name", async () => {
  const ids = [await apply("Radek Hromadný", "radek.bulk@example.com"), await apply("Silvie Hromadná", "silvie.bulk@example.com")];
  const jana = await adminContext(browser, "jana@acme.example");
  const page = jana.page;
  await page.goto(`${ORIGIN}/admin`);
  const open = page.locator("form[data-bulk-select] button[type=submit]");
  assert.equal(await open.isDisabled(), true, "nothing ticked, nothing to do");
  for (const id of ids) await page.check(`input.inbox-item__select[value="${id}"]`);
  await page.locator("[data-bulk-count]", { hasText: "Vybráni 2 kandidáti" }).waitFor(LIVE);
  await page.screenshot({ path: `${SCREENSHOTS}bulk-inbox.png` });
  await Promise.all([page.waitForURL(/\/admin\/bulk\?/), open.click()]);
  await page.locator("[data-bulk-item]").nth(1).waitFor(LIVE);
  assert.equal(await page.locator("[data-bulk-item]").count(), 2);
  await page.fill("#bulk-body", "Dobrý den, {{candidate.firstName}}, pošlete nám prosím termín pohovoru.");
  await page.click("form[data-bulk-form] button[type=submit]");
  // The script runs it over the API: the page stays, each row gets its result, and the form goes.
  await page.locator("[data-bulk-summary] .alert--success", { hasText: "Hotovo 2 z 2." }).waitFor(LIVE);
  assert.match(page.url(), /\/admin\/bulk\?applicationIds=/, "the script ran it: no form post navigated away");
  assert.equal(await page.locator('[data-bulk-item][data-outcome="done"]').count(), 2);
  assert.equal(await page.locator("form[data-bulk-form]").count(), 0);
  await page.screenshot({ path: `${SCREENSHOTS}bulk-done.png`, fullPage: true });
  for (const [email, first] of [
    ["radek.bulk@example.com", "Radek"],
    ["silvie.bulk@example.com", "Silvie"],
  ]) {
    const mail = await latestEmailTo(email, (e) => e.kind === "candidate_message" && e.text.includes("termín pohovoru"));
    assert.match(mail.text, new RegExp(`Dobrý den, ${first}, pošlete nám prosím termín pohovoru.`));
  }
  await jana.context.close();
});

test("every page passes axe (WCAG A and AA) in light and dark, at 1366 and 390 px", async () => {
  const applicationId = await apply("Věra Přístupná", "vera.axe@example.com");
  const confirmation = await latestEmailTo("vera.axe@example.com");
  const candidateUrl = /http:\/\/localhost:\d+\/c\/[A-Za-z0-9._~-]+/.exec(confirmation.text)?.[0];
  assert.ok(candidateUrl, "the confirmation carries the conversation link");
  const adminPages = [
    "/admin",
    `/admin/applications/${applicationId}`,
    `/admin/applications/${applicationId}/reject`,
    `/admin/applications/${applicationId}/erase`,
    `/admin/bulk?applicationIds=${applicationId}`,
    "/admin/candidates/new",
    "/admin/search?q=V%C4%9Bra",
    "/admin/offers",
    `/admin/offers/${acme.offerId}`,
    "/admin/team",
    "/admin/templates",
    "/admin/inbound",
    "/admin/settings",
    "/admin/settings/integrations",
    "/admin/erasure-requests",
    "/admin/no-such-page",
  ];
  const publicPages = ["/login", "/signup", "/signup/sent?email=vera.axe%40example.com", `/offers/${acme.offerId}`, new URL(candidateUrl).pathname, "/api/docs"];
  const found = [];
  for (const scheme of ["light", "dark"]) {
    for (const width of [1366, 390]) {
      const viewport = { width, height: 900 };
      // axe is injected as an inline script, which the app's CSP refuses (as it should): the test context bypasses it.
      const options = { viewport, colorScheme: scheme, bypassCSP: true };
      const jana = await adminContext(browser, "jana@acme.example", options);
      const visitor = await browser.newContext({ ...options, locale: "cs-CZ" });
      const visitorPage = await visitor.newPage();
      for (const [page, path] of [...adminPages.map((p) => [jana.page, p]), ...publicPages.map((p) => [visitorPage, p])]) {
        await page.goto(`${ORIGIN}${path}`);
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        });
        for (const v of violations) found.push(`${path} (${scheme}, ${width} px) ${v}`);
        const name =
          path
            .replace(/\/c\/[^/]+/, "/c/conversation")
            .replace(/[^a-z0-9]+/gi, "-")
            .replace(/^-|-$/g, "") || "home";
        await page.screenshot({ path: `${SCREENSHOTS}axe-${name}-${scheme}-${width}.png` });
      }
      await Promise.all([jana.context.close(), visitor.close()]);
    }
  }
  assert.deepEqual(found, []);
});
