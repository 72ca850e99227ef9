import { afterCommit } from "../after-commit";
import type { Env } from "../env";
import { hashPassword } from "../accounts/password";
import { applyToOffer } from "../conversations/applications";
import { postMessage } from "../conversations/post-message";
import { database, type Db } from "../db/client";
import { ensureAdmin, ensureCompany, ensureOffer, hasApplied } from "../db/demo";

/** CONTRACT.md's demo data. */
export const DEMO = [
  {
    name: "Acme Robotics s.r.o.",
    contactEmail: "kariera@acme.example",
    locale: "cs" as const,
    admins: [
      { email: "jana@acme.example", name: "Jana Nováková" },
      { email: "petr@acme.example", name: "Petr Svoboda" },
    ],
    offer: {
      title: "Backend Engineer (TypeScript)",
      description: "Navrhujete a stavíte API pro naše roboty. TypeScript, Cloudflare Workers, SQL.",
      notificationEmails: ["jobs@acme.example"],
    },
  },
  {
    name: "Globex a.s.",
    contactEmail: "careers@globex.example",
    locale: "en" as const,
    admins: [{ email: "eva@globex.example", name: "Eva Malá" }],
    offer: {
      title: "Product Designer",
      description: "Shape how thousands of people use our products, from research to pixels.",
      notificationEmails: ["hr@globex.example"],
    },
  },
];
export const DEMO_PASSWORD = "demo1234";

/** Idempotent: creates what is missing, leaves what exists; returns the ids tests and the start script need. */
export async function seedDemo(env: Env, opts: { conversation: boolean } = { conversation: true }) {
  const db = database(env.DB);
  const now = Date.now();
  const result: { companyId: number; offerId: number; adminIds: Record<string, number> }[] = [];
  for (const demo of DEMO) {
    const companyId = await ensureCompany(db, { name: demo.name, contactEmail: demo.contactEmail, locale: demo.locale }, now);
    const adminIds: Record<string, number> = {};
    for (const admin of demo.admins) adminIds[admin.email] = await ensureAdmin(db, { ...admin, companyId }, () => hashPassword(DEMO_PASSWORD), now);
    const offerId = await ensureOffer(db, { companyId, ...demo.offer }, now);
    result.push({ companyId, offerId, adminIds });
  }
  if (opts.conversation) await seedConversation(env, db, result[0]!);
  return result;
}

/** One conversation to look at: a cover letter and Jana's answer. */
async function seedConversation(env: Env, db: Db, acme: { offerId: number; adminIds: Record<string, number> }) {
  const email = "lukas.prochazka@example.com";
  if (await hasApplied(db, acme.offerId, email)) return;
  const applied = await applyToOffer(env, acme.offerId, {
    name: "Lukáš Procházka",
    email,
    message: "Dobrý den,\n\nrád bych se ucházel o pozici backend engineera. Pět let píšu TypeScript, poslední dva roky na Cloudflare Workers.\n\nS pozdravem\nLukáš Procházka",
  });
  await afterCommit(env, applied.events);
  const answered = await postMessage(env, {
    applicationId: applied.result,
    author: { kind: "admin", adminId: acme.adminIds["jana@acme.example"]! },
    channel: "web",
    body: "Dobrý den, pane Procházko,\n\nděkujeme za přihlášku. Hodil by se vám pohovor v úterý ve 14:00?\n\nJana Nováková",
  });
  await afterCommit(env, answered.events);
}
