import type { Db } from "../db/client";
import type { WebhookEvent } from "../db/schema";
import { insertWebhook, setWebhookActive } from "../db/webhooks";
import { deliveryScheduler } from "../email/delivery-scheduler";
import type { Env } from "../env";
import { newWebhookSecret } from "./signature";

/** A new webhook of the company with a fresh secret (shown once), unless its URL may not be used here. */
export async function createWebhook(db: Db, companyId: number, input: { url: string; events: WebhookEvent[] }, environment: string | undefined, now = Date.now()) {
  const problem = webhookUrlProblem(input.url, environment);
  if (problem) return { ok: false as const, problem };
  return { ok: true as const, webhook: await insertWebhook(db, { companyId, ...input, secret: newWebhookSecret(), now }) };
}

/**
 * Turns the company's webhook on again or off; null when it has none such. Turned on, its deliveries that waited
 * while it was off are due: the company's scheduler sends them now rather than at the cron's next look.
 */
export async function setWebhookOn(env: Env, db: Db, companyId: number, id: number, active: boolean, now = Date.now()) {
  const hook = await setWebhookActive(db, companyId, id, active, now);
  if (hook && active) await deliveryScheduler(env, { companyId }).schedule({ companyId });
  return hook;
}

/**
 * Where a webhook may point. In development anything http(s) goes (a receiver on localhost is the point); in
 * production only https to a public host: no localhost, private, link-local or carrier-grade NAT addresses, so a
 * webhook cannot be turned against the network it runs in.
 */
export function webhookUrlProblem(raw: string, environment: string | undefined): WebhookUrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "scheme";
  if (url.username || url.password) return "credentials";
  if (environment === "development") return null;
  if (url.protocol !== "https:") return "https";
  return isPrivateHost(url.hostname) ? "private" : null;
}

/** What the API says of each problem (pages word it in the reader's language). */
export const WEBHOOK_URL_PROBLEMS = {
  invalid: "url: use an absolute http(s) address.",
  scheme: "url: use an http(s) address.",
  credentials: "url: leave credentials out of the address (verify the signature instead).",
  https: "url: use https.",
  private: "url: private and local addresses are not allowed.",
} as const;

export type WebhookUrlProblem = keyof typeof WEBHOOK_URL_PROBLEMS;

function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal") || (!host.includes(".") && !host.includes(":"))) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (host.includes(":")) {
    // IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10), and IPv4-mapped forms.
    return host === "::1" || host === "::" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:");
  }
  return false;
}
