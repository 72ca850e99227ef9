// Delivery reports (CONTRACT.md "Email, both ways"): a bounce of an email we sent marks that message's delivery
// "bounced" with the server's reason and tells the admins; it is never a message, and never answered.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { conversation, deliver, lastLog, messagesOf, newMessageId, outboxOf } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

/** A Postfix-style DSN for the email that went out with `originalId`; base64 parts when `encoded`. */
function dsn(opts: { originalId: string; to: string; recipient: string; action?: string; status?: string; encoded?: boolean }) {
  const status = opts.status ?? "5.1.1";
  const report = [
    "Reporting-MTA: dns; mx.example.net",
    `Final-Recipient: rfc822; ${opts.recipient}`,
    `Action: ${opts.action ?? "failed"}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${opts.recipient}>: Recipient address rejected:`,
    "    User unknown in virtual mailbox table",
  ].join("\r\n");
  const headers = [`From: notifications@jobs.example`, `To: ${opts.recipient}`, `Subject: Backend Engineer`, `Message-ID: ${opts.originalId}`].join("\r\n");
  const part = (type: string, body: string) =>
    opts.encoded ? `Content-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\n\r\n${btoa(body)}` : `Content-Type: ${type}\r\n\r\n${body}`;
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    `To: ${opts.to}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: ${newMessageId()}`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "Your message could not be delivered.",
    "--B",
    part("message/delivery-status", report),
    "--B",
    part("text/rfc822-headers", headers),
    "--B--",
    "",
  ].join("\r\n");
}

describe("bounces", () => {
  it("mark the message bounced with the reason, notify the admins once, and store nothing", async () => {
    const email = "bounce-1@example.net";
    const chat = await conversation(world, email);
    const sentId = chat.toCandidate.sentMessageId!;
    const before = (await messagesOf(chat.applicationId)).length;
    const outboxBefore = (await outboxOf(chat.applicationId)).length;
    const received = await deliver(dsn({ originalId: sentId.startsWith("<") ? sentId : `<${sentId}>`, to: "notifications@jobs.example", recipient: email }), {
      from: "",
      to: "notifications@jobs.example",
    });
    expect(received.rejected).toBeNull();
    expect(await lastLog()).toMatchObject({ outcome: "bounced", applicationId: chat.applicationId });
    expect((await lastLog()).reason).toContain("User unknown");

    const { messages } = await json(await call(`/api/applications/${chat.applicationId}/messages`, { cookie: world.jana }));
    expect(messages).toHaveLength(before);
    const bounced = messages.find((m: { id: number }) => m.id === chat.toCandidate.messageId);
    expect(bounced.delivery).toEqual({ state: "bounced", reason: expect.stringContaining("550 5.1.1") });
    for (const cookie of [world.jana, world.petr]) {
      const { notifications } = await json(await call("/api/notifications", { cookie }));
      expect(notifications.filter((n: { kind: string; applicationId: number }) => n.kind === "bounce" && n.applicationId === chat.applicationId)).toHaveLength(1);
    }
    // Never answered, and the thread shows it.
    expect(await outboxOf(chat.applicationId)).toHaveLength(outboxBefore);
    const page = await (await call(`/admin/applications/${chat.applicationId}`, { cookie: world.jana })).text();
    expect(page).toContain('data-delivery="bounced"');
    expect(page).toContain("User unknown");
    // The next send warns: the page says the address bounced.
    expect(page).toMatch(/data-address-bounced[^>]*>[^<]*bounce-1@example\.net/);
    // The candidate sees nothing of it.
    const token = /\/c\/([A-Za-z0-9._~-]+)/.exec(chat.toCandidate.textBody!)![1];
    const theirs = await call(`/api/c/${token}/messages`);
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(await json(theirs))).not.toMatch(/bounced|User unknown/);

    // A second report for the same email notifies nobody again.
    await deliver(dsn({ originalId: sentId, to: "notifications@jobs.example", recipient: email, encoded: true }), { from: "", to: "notifications@jobs.example" });
    const { notifications } = await json(await call("/api/notifications", { cookie: world.jana }));
    expect(notifications.filter((n: { kind: string; applicationId: number }) => n.kind === "bounce" && n.applicationId === chat.applicationId)).toHaveLength(1);
  });

  it("reads base64 report parts; a delay is not a bounce; a report for mail not ours is just automatic", async () => {
    const email = "bounce-2@example.net";
    const chat = await conversation(world, email);
    const sentId = chat.toCandidate.sentMessageId!;
    await deliver(dsn({ originalId: sentId, to: chat.candidateAddress, recipient: email, action: "delayed", status: "4.4.1" }), { from: "", to: chat.candidateAddress });
    expect(await lastLog()).toMatchObject({ outcome: "automatic" });
    await deliver(dsn({ originalId: "<someone-else@elsewhere.example>", to: "notifications@jobs.example", recipient: email }), { from: "", to: "notifications@jobs.example" });
    expect(await lastLog()).toMatchObject({ outcome: "automatic" });
    await deliver(dsn({ originalId: sentId, to: chat.candidateAddress, recipient: email, encoded: true }), { from: "", to: chat.candidateAddress });
    expect(await lastLog()).toMatchObject({ outcome: "bounced" });
    const [row] = (await outboxOf(chat.applicationId, "candidate_message")).filter((r) => r.sentMessageId === sentId);
    expect(row).toMatchObject({ state: "bounced" });
  });

  it("is not fooled by a forged report: from the candidate, or about another address", async () => {
    const email = "bounce-3@example.net";
    const chat = await conversation(world, email);
    const sentId = chat.toCandidate.sentMessageId!;
    // The candidate sends a "bounce" of Jana's email to themselves, from their own address.
    const forged = dsn({ originalId: sentId, to: chat.candidateAddress, recipient: email }).replace("From: Mail Delivery System <MAILER-DAEMON@mx.example.net>", `From: ${email}`);
    await deliver(forged, { from: email, to: chat.candidateAddress });
    expect(await lastLog()).toMatchObject({ outcome: "automatic" });
    // A mail system's report, but about an address that email never went to.
    await deliver(dsn({ originalId: sentId, to: "notifications@jobs.example", recipient: "someone-else@example.org" }), { from: "", to: "notifications@jobs.example" });
    expect(await lastLog()).toMatchObject({ outcome: "automatic" });
    const [row] = (await outboxOf(chat.applicationId, "candidate_message")).filter((r) => r.sentMessageId === sentId);
    expect(row).toMatchObject({ state: "sent" });
  });
});
