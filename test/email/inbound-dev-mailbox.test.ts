// The development mailbox answers as a recipient through the real inbound handler; the cron sweep
// picks up outbox rows whose alarm never fired.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { outbox } from "../../src/db/schema";
import { sweepOutbox } from "../../src/email/sweep";
import { call, demoWorld } from "../support/http";
import { conversation, db, lastLog, messagesOf } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const answer = (emailId: number, from: string, body: string) => call(`/dev/mailbox/${emailId}/answer`, { form: { from, body } });

describe("GET /dev/mailbox", () => {
  it("lists every email, newest first by default, with an answer form offering the allowed senders", async () => {
    const chat = await conversation(world, "page@example.net");
    const res = await call("/dev/mailbox");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.indexOf(`id="email-${chat.toCandidate.id}"`)).toBeLessThan(html.indexOf(`id="email-${chat.toCompany.id}"`));
    expect(html).toContain(`action="/dev/mailbox/${chat.toCompany.id}/answer?order=newest"`);
    for (const sender of ["jobs@acme.example", "jana@acme.example", "petr@acme.example"]) expect(html).toContain(`<option value="${sender}">`);
    expect(html).not.toContain("<script");
    // The email's HTML appears only escaped, as source.
    expect(html).toContain("&lt;");
    const oldest = await (await call("/dev/mailbox?order=oldest")).text();
    expect(oldest.indexOf(`id="email-${chat.toCompany.id}"`)).toBeLessThan(oldest.indexOf(`id="email-${chat.toCandidate.id}"`));
  });

  it("serves an email's HTML on its own route, never sniffed", async () => {
    const chat = await conversation(world, "html@example.net");
    const res = await call(`/dev/mailbox/${chat.toCandidate.id}/html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/sandbox|script-src 'self'/);
    expect(await res.text()).toBe(chat.toCandidate.htmlBody);
  });
});

describe("POST /dev/mailbox/:id/answer", () => {
  it("answers as the candidate: a realistic reply, stored without the quote", async () => {
    const chat = await conversation(world, "answer@example.net");
    const res = await answer(chat.toCandidate.id, "answer@example.net", "Úterý mi vyhovuje, děkuji.");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/dev/mailbox?order=newest&answered=${chat.toCandidate.id}&outcome=stored#email-${chat.toCandidate.id}`);
    const stored = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(stored).toMatchObject({ authorKind: "candidate", channel: "email", body: "Úterý mi vyhovuje, děkuji." });
    expect(stored.originalBody).toMatch(/wrote:\n\n> /);
    const page = await (await call(res.headers.get("Location")!)).text();
    expect(page).toContain("<strong>stored</strong>");
  });

  it("answers a company notification as an admin, who becomes the author", async () => {
    const chat = await conversation(world, "petr-answer@example.net");
    expect((await answer(chat.toCompany.id, "petr@acme.example", "Pozveme ho.")).status).toBe(303);
    expect((await messagesOf(chat.applicationId)).at(-1)).toMatchObject({ authorKind: "admin", authorName: "Petr Svoboda", body: "Pozveme ho." });
  });

  it("shows the SMTP rejection for an unverified sender, and refuses senders not offered", async () => {
    const chat = await conversation(world, "stranger@example.net");
    const res = await answer(chat.toCandidate.id, "someone.else@example.com", "Ahoj");
    const location = new URL(res.headers.get("Location")!, "http://x");
    expect(location.searchParams.get("outcome")).toBe("wrong_sender");
    expect(location.searchParams.get("rejected")).toMatch(/accepts replies only from/);
    expect(await lastLog()).toMatchObject({ outcome: "wrong_sender", envelopeFrom: "someone.else@example.com" });
    expect((await answer(chat.toCandidate.id, "jana@acme.example", "x")).status).toBe(400);
  });
});

describe("scheduled sweep", () => {
  it("wakes the scheduler of a conversation with overdue mail, and the company's scheduler for invitations", async () => {
    const chat = await conversation(world, "sweep@example.net");
    const long = Date.now() - 5 * 60_000;
    await db.update(outbox).set({ state: "pending", nextAttemptAt: long }).where(eq(outbox.id, chat.toCandidate.id));
    const [invitation] = await db
      .insert(outbox)
      .values({
        companyId: chat.toCandidate.companyId,
        kind: "invitation",
        recipientKind: "person",
        toAddress: "new.admin@acme.example",
        payload: JSON.stringify({ token: "invitation-token", inviterName: "Jana Nováková", expiresAt: Date.now() + 86_400_000 }),
        nextAttemptAt: long,
        createdAt: long,
      })
      .returning();

    const scopes = await sweepOutbox(env);
    expect(scopes).toContainEqual({ applicationId: chat.applicationId });
    expect(scopes).toContainEqual({ companyId: chat.toCandidate.companyId });
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, invitation!.id));
    expect(sent!.state).toBe("sent");
    expect(sent!.textBody).toContain("/invite/invitation-token");
    const [candidateMail] = await db.select().from(outbox).where(eq(outbox.id, chat.toCandidate.id));
    expect(candidateMail!.state).toBe("sent");

    // The Worker's scheduled() handler runs the same sweep.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
  });
});
