// The acceptance story of DESIGN.md in real browsers: Jana and Petr as admins, the candidate through the emailed link,
// email replies injected through wrangler's local email endpoint. Every live assertion waits without reloading.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE, ORIGIN, SCREENSHOTS, adminContext, latestEmailTo, launch, mailbox, replyByEmail } from "./browser.mjs";

const LIVE = { timeout: 10_000 };
let browser;
let acme;

before(async () => {
  browser = await launch();
  const seeded = await fetch(`${BASE}/dev/seed`, { method: "POST", headers: { Origin: ORIGIN } });
  [acme] = (await seeded.json()).companies;
});
after(async () => browser?.close());

const thread = (page) => page.locator("ol[data-messages]");
const expectMessage = (page, text) => thread(page).locator("li[data-message-id]", { hasText: text }).first().waitFor(LIVE);

async function send(page, text) {
  await page.fill("form[data-send-form] textarea[name=body]", text);
  await page.click("form[data-send-form] button[type=submit]");
  await expectMessage(page, text);
}

function conversationLink(email) {
  const match = /http:\/\/localhost:\d+\/c\/[A-Za-z0-9._~-]+/.exec(email.text);
  assert.ok(match, "the email carries the conversation link");
  return match[0];
}

test("apply, answer on the web and by email from both sides, live everywhere, then reject", async () => {
  const jana = await adminContext(browser, "jana@acme.example");
  const petr = await adminContext(browser, "petr@acme.example");
  await jana.page.goto(`${ORIGIN}/admin`);

  // 1. The candidate applies through the public offer page; Jana's open inbox shows it without a reload.
  const candidateContext = await browser.newContext({ viewport: { width: 420, height: 860 }, locale: "cs-CZ" });
  const candidate = await candidateContext.newPage();
  await candidate.goto(`${ORIGIN}/offers/${acme.offerId}`);
  assert.equal(await candidate.getAttribute("html", "lang"), "cs");
  await candidate.fill('input[name="name"]', "Tereza Dvořáková");
  await candidate.fill('input[name="email"]', "tereza@example.com");
  await candidate.fill('textarea[name="message"]', "Dobrý den,\nráda bych se ucházela o tuto pozici.");
  await candidate.click('form[action^="/offers/"] button[type="submit"]');
  await jana.page.locator("[data-application-row]", { hasText: "Tereza Dvořáková" }).waitFor(LIVE);
  const newCandidate = await latestEmailTo("jobs@acme.example", (e) => e.kind === "new_candidate" && e.text.includes("Tereza"));
  assert.match(newCandidate.replyTo, /@reply\.jobs\.example$/);

  // 2. Jana opens the conversation (Petr has it open too) and writes; Petr sees it arrive.
  await jana.page.locator("[data-application-row]", { hasText: "Tereza Dvořáková" }).locator("a").first().click();
  await jana.page.waitForURL(/\/admin\/applications\/\d+/);
  const conversationUrl = jana.page.url();
  await petr.page.goto(conversationUrl);
  // A send is held a few seconds with "Undo": taken back, its text returns to the box and it goes nowhere.
  await jana.page.fill("form[data-send-form] textarea[name=body]", "Omyl: tohle nikdo neuvidí.");
  await jana.page.click("form[data-send-form] button[type=submit]");
  const heldSend = jana.page.locator("li[data-held]", { hasText: "Omyl: tohle nikdo neuvidí." });
  await heldSend.waitFor(LIVE);
  await jana.page.screenshot({ path: `${SCREENSHOTS}undo-held-1366.png` });
  await heldSend.locator("[data-undo]").click();
  await heldSend.waitFor({ state: "detached", ...LIVE });
  assert.equal(await jana.page.inputValue("form[data-send-form] textarea[name=body]"), "Omyl: tohle nikdo neuvidí.");
  await send(jana.page, "Dobrý den, hodí se vám pohovor ve čtvrtek?");
  await expectMessage(petr.page, "hodí se vám pohovor ve čtvrtek");
  assert.equal(await thread(petr.page).locator("li", { hasText: "Omyl" }).count(), 0, "the undone message was never posted");

  // 3. The candidate gets the email with the link and a Reply-To, opens the page and answers there.
  const toCandidate = await latestEmailTo("tereza@example.com", (e) => e.kind === "candidate_message");
  assert.match(toCandidate.replyTo, /@reply\.jobs\.example$/);
  await candidate.goto(conversationLink(toCandidate));
  await expectMessage(candidate, "hodí se vám pohovor ve čtvrtek");
  await send(candidate, "Čtvrtek mi vyhovuje.");
  await expectMessage(jana.page, "Čtvrtek mi vyhovuje.");
  await expectMessage(petr.page, "Čtvrtek mi vyhovuje.");

  // 4. The candidate also replies by email: quoted history stripped, shown live on all three screens.
  assert.equal(await replyByEmail({ from: "tereza@example.com", email: toCandidate, body: "Posílám ještě dotaz: je možná práce z domova?" }), 200);
  for (const page of [jana.page, petr.page, candidate]) await expectMessage(page, "je možná práce z domova");
  const stored = await jana.page.locator("li[data-message-id]", { hasText: "je možná práce z domova" }).innerText();
  assert.ok(!stored.includes("> "), "quoted history is not part of the stored message");

  // 5. Petr answers the notification email from his own mail client; the candidate sees it under his name.
  const toCompany = await latestEmailTo("jobs@acme.example", (e) => e.kind === "new_message" && e.text.includes("práce z domova"));
  assert.equal(await replyByEmail({ from: "petr@acme.example", email: toCompany, body: "Ano, dva dny v týdnu." }), 200);
  await expectMessage(candidate, "Ano, dva dny v týdnu.");
  assert.ok((await thread(candidate).locator("li", { hasText: "Ano, dva dny v týdnu." }).innerText()).includes("Petr Svoboda"));
  await expectMessage(jana.page, "Ano, dva dny v týdnu.");

  // 5b. Petr writes the team a note mentioning Jana (picked from the autocomplete by keyboard); Jana answers the
  // mention email with #note. Both are notes in the thread, and nothing of them reaches the candidate.
  await petr.page.check('form[data-send-form] input[name="kind"][value="note"]');
  await petr.page.click("form[data-send-form] textarea[name=body]");
  await petr.page.keyboard.type("@Ja");
  await petr.page.locator('[role="listbox"] [role="option"]', { hasText: "Jana Nováková" }).waitFor(LIVE);
  await petr.page.keyboard.press("Enter");
  await petr.page.keyboard.type("ozvi se jí prosím kvůli referencím.");
  await petr.page.click("form[data-send-form] button[type=submit]");
  await expectMessage(petr.page, "ozvi se jí prosím kvůli referencím.");
  const note = thread(jana.page).locator('li[data-visibility="internal"]', { hasText: "@Jana Nováková ozvi se jí prosím" });
  await note.waitFor(LIVE);
  const mention = await latestEmailTo("jana@acme.example", (e) => e.kind === "mention");
  assert.equal(await replyByEmail({ from: "jana@acme.example", email: mention, body: "#note\nReference jsou výborné." }), 200);
  await thread(petr.page).locator('li[data-visibility="internal"]', { hasText: "Reference jsou výborné." }).waitFor(LIVE);
  await petr.page.screenshot({ path: `${SCREENSHOTS}admin-notes.png`, fullPage: true });
  await candidate.reload();
  await expectMessage(candidate, "Ano, dva dny v týdnu.");
  const candidateSees = await thread(candidate).innerText();
  assert.ok(!candidateSees.includes("referencím") && !candidateSees.includes("Reference jsou"), "the candidate's page shows no note");
  for (const email of (await mailbox()).filter((e) => e.to.includes("tereza@example.com"))) {
    assert.ok(!email.text.includes("referencím") && !email.text.includes("Reference jsou"), "no email to the candidate quotes a note");
  }

  // A thread with messages does not also say it has none (on either side, with the page script running).
  assert.equal(await petr.page.locator(".thread__empty").isVisible(), false, "the admin's thread shows no empty note");
  assert.equal(await candidate.locator(".thread__empty").isVisible(), false, "the candidate's thread shows no empty note");

  await jana.page.goto(`${ORIGIN}/admin`);
  await jana.page.screenshot({ path: `${SCREENSHOTS}inbox.png`, fullPage: true });
  await petr.page.screenshot({ path: `${SCREENSHOTS}admin-conversation.png`, fullPage: true });
  await candidate.screenshot({ path: `${SCREENSHOTS}candidate.png`, fullPage: true });

  // 6. Petr rejects: the candidate's open page locks and shows the public contact email.
  // The side panel's button asks first (with an optional message); rejecting without one emails nothing.
  await petr.page.click('form[action$="/reject"] button[type="submit"]');
  await petr.page.waitForURL(/\/reject\??$/);
  await petr.page.screenshot({ path: `${SCREENSHOTS}admin-reject-confirm.png`, fullPage: true });
  await petr.page.click('form[method="post"][action$="/reject"] button[type="submit"]');
  // The thread's closing notice, not the personal-data section's contact link.
  await candidate.getByRole("region", { name: "Zprávy" }).locator('a[href="mailto:kariera@acme.example"]').waitFor(LIVE);
  assert.equal(await candidate.locator("form[data-send-form]").count(), 0);
  await candidate.screenshot({ path: `${SCREENSHOTS}candidate-rejected.png`, fullPage: true });

  // An emailed reply is not stored; the candidate gets one automatic answer with the notice.
  await replyByEmail({ from: "tereza@example.com", email: toCandidate, body: "Můžete mi říct proč?" });
  const notice = await latestEmailTo("tereza@example.com", (e) => e.kind === "rejected_notice");
  assert.ok(notice.text.includes("kariera@acme.example"));
  await petr.page.reload();
  assert.equal(await thread(petr.page).locator("li", { hasText: "Můžete mi říct proč?" }).count(), 0);

  await Promise.all([jana.context.close(), petr.context.close(), candidateContext.close()]);
});

test("a manually added candidate works the same", async () => {
  const jana = await adminContext(browser, "jana@acme.example");
  await jana.page.goto(`${ORIGIN}/admin`);
  const form = jana.page.locator('form[action="/admin/candidates"]');
  await form.locator('select[name="offerId"]').selectOption(String(acme.offerId));
  await form.locator('input[name="name"]').fill("Ondřej Malý");
  await form.locator('input[name="email"]').fill("ondrej@example.com");
  await form.locator('button[type="submit"]').click();
  await jana.page.waitForURL(/\/admin\/applications\/\d+/);
  await send(jana.page, "Dobrý den, našli jsme váš profil. Máte zájem?");

  const email = await latestEmailTo("ondrej@example.com", (e) => e.kind === "candidate_message");
  const candidateContext = await browser.newContext({ locale: "cs-CZ" });
  const candidate = await candidateContext.newPage();
  await candidate.goto(conversationLink(email));
  await expectMessage(candidate, "našli jsme váš profil");
  await send(candidate, "Ano, mám zájem.");
  await expectMessage(jana.page, "Ano, mám zájem.");
  assert.equal(await replyByEmail({ from: "ondrej@example.com", email, body: "A posílám i životopis později." }), 200);
  await expectMessage(jana.page, "posílám i životopis později");
  await expectMessage(candidate, "posílám i životopis později");
  await Promise.all([jana.context.close(), candidateContext.close()]);
});

test("a company signs up, follows its first steps and answers its first applicant on a phone", async () => {
  const owner = `owner-${Date.now()}@startup.example`;
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "cs-CZ" });
  const page = await desk.newPage();
  await page.goto(`${ORIGIN}/signup`);
  await page.fill('input[name="companyName"]', "Rychlý start s.r.o.");
  await page.fill('input[name="name"]', "Romana Rychlá");
  await page.fill('input[name="email"]', owner);
  await page.fill('input[name="password"]', "first-steps-1");
  await page.click('form[action="/signup"] button[type="submit"]');
  await page.getByText(owner).first().waitFor(LIVE);

  // The emailed link confirms the address; then the sign-in works.
  const confirmation = await latestEmailTo(owner, (e) => e.kind === "signup_confirmation");
  await page.goto(/http:\/\/localhost:\d+\/signup\/confirm\?token=\S+/.exec(confirmation.text)[0].replace(/^http:\/\/localhost:\d+/, ORIGIN));
  await page.click('a[href="/login"].button');
  await page.fill('input[name="email"]', owner);
  await page.fill('input[name="password"]', "first-steps-1");
  await Promise.all([page.waitForURL(`${ORIGIN}/admin**`), page.click('form[action="/login"] button[type="submit"]')]);

  // First steps: the job post step leads to the form; once it exists, the step is ticked off.
  await page.locator("[data-onboarding]").waitFor(LIVE);
  await page.click('[data-step="offer"] a');
  await page.fill('input[name="title"]', "Barista");
  await page.fill('input[name="email"]', owner);
  await Promise.all([page.waitForURL(/\/admin\/offers\/\d+/), page.click('form[action="/admin/offers"] button[type="submit"]')]);
  const offerId = /\/admin\/offers\/(\d+)/.exec(page.url())[1];
  await page.goto(`${ORIGIN}/admin`);
  await page.locator('[data-step="offer"][data-done]').waitFor(LIVE);
  await page.screenshot({ path: `${SCREENSHOTS}signup-first-steps-1366.png`, fullPage: true });

  // The first applicant applies on a phone; the inbox shows them without a reload.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "cs-CZ", isMobile: true, hasTouch: true });
  const applicant = await phone.newPage();
  await applicant.goto(`${ORIGIN}/offers/${offerId}`);
  await applicant.fill('input[name="name"]', "Filip První");
  await applicant.fill('input[name="email"]', "filip.prvni@example.com");
  await applicant.fill('textarea[name="message"]', "Dobrý den, kávu dělám rád.");
  await applicant.click('form[action^="/offers/"] button[type="submit"]');
  await page.locator("[data-application-row]", { hasText: "Filip První" }).waitFor(LIVE);
  await applicant.click('main a[href*="/c/"]');
  await applicant.waitForURL(/\/c\//);

  // The owner answers from a phone too: the conversation opens with the reply box in view, not the side panel.
  const ownerPhone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "cs-CZ", isMobile: true, hasTouch: true });
  const mobile = await ownerPhone.newPage();
  await mobile.goto(`${ORIGIN}/login`);
  await mobile.fill('input[name="email"]', owner);
  await mobile.fill('input[name="password"]', "first-steps-1");
  await Promise.all([mobile.waitForURL(`${ORIGIN}/admin**`), mobile.click('form[action="/login"] button[type="submit"]')]);
  await mobile.locator("[data-application-row]", { hasText: "Filip První" }).locator("a").first().click();
  await mobile.waitForURL(/\/admin\/applications\/\d+/);
  await mobile.locator("form[data-send-form] textarea[name=body]").waitFor(LIVE);
  const inView = await mobile.evaluate(() => {
    const box = document.querySelector("form[data-send-form] textarea[name=body]").getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.ok(inView, "the reply box is in view when the conversation opens on a phone");
  await mobile.screenshot({ path: `${SCREENSHOTS}signup-first-reply-390.png` });
  await send(mobile, "Dobrý den, Filipe, přijďte v pondělí na zkoušku.");
  await expectMessage(applicant, "přijďte v pondělí");
  await Promise.all([desk.close(), phone.close(), ownerPhone.close()]);
});
