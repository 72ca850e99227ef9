// Debian's Chromium driven by playwright-core (playwright's own browser download cannot work on these machines).
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const ORIGIN = process.env.E2E_ORIGIN ?? "http://localhost:8797";
export const BASE = process.env.E2E_BASE ?? "http://127.0.0.1:8797";
export const SCREENSHOTS = new URL("./screenshots/", import.meta.url).pathname;

export async function launch() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** A browser context signed in as an admin through the login form (options: playwright's, for the context). */
export async function adminContext(browser, email, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "cs-CZ", ...options });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "demo1234");
  await Promise.all([page.waitForURL(`${ORIGIN}/admin**`), page.click('form[action="/login"] button[type="submit"]')]);
  return { context, page };
}

export async function mailbox() {
  const res = await fetch(`${BASE}/dev/mailbox.json`);
  return (await res.json()).emails;
}

/** The newest email to `to` (optionally of a kind), waiting for delivery to record it. */
export async function latestEmailTo(to, predicate = () => true, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await mailbox()).filter((e) => e.to.includes(to) && predicate(e)).at(-1);
    if (found?.messageId) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} arrived`);
}

/** A plain-text reply as a mail client sends it, posted to wrangler's local email endpoint. */
export async function replyByEmail({ from, email, body }) {
  const messageId = `<${crypto.randomUUID()}@mail.example>`;
  const raw = [
    `From: ${from}`,
    `To: ${email.replyTo}`,
    `Subject: Re: ${email.subject}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${email.messageId}`,
    `References: ${email.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    "",
    `Dne ${new Date().toLocaleDateString("cs-CZ")} ${email.from} napsal(a):`,
    ...email.text.split("\n").map((line) => `> ${line}`),
    "",
  ].join("\r\n");
  const url = `${BASE}/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(email.replyTo)}`;
  const res = await fetch(url, { method: "POST", body: raw });
  return res.status;
}
