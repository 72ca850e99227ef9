// Delivery reports (CONTRACT.md "Email, both ways"): a bounce of an email we sent marks that message's delivery
// "bounced" with the server's reason and tells the admins; it is never a message, and never answered.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { seededRandom } from "../support/random";
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
    // The next send warns: the page says the address bounced, and so does the composer, where the message is written.
    expect(page).toMatch(/data-address-bounced[^>]*>[^<]*bounce-1@example\.net/);
    expect(page).toMatch(/<form class="composer"[\s\S]*data-composer-warning[^>]*>[^<]*bounce-1@example\.net[\s\S]*<\/form>/);
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

  it.each([
    [
      "Exim",
      "Mail delivery failed: returning message to sender",
      (to: string, id: string) =>
        `This message was created automatically by mail delivery software.\r\n\r\nA message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:\r\n\r\n  ${to}\r\n    SMTP error from remote mail server after RCPT TO:<${to}>:\r\n    550 5.1.1 User unknown\r\n\r\n------ This is a copy of the message, including all the headers. ------\r\n\r\nMessage-ID: ${id}\r\nSubject: Backend Engineer\r\n\r\nDobrý den`,
    ],
    [
      "qmail",
      "failure notice",
      (to: string, id: string) =>
        `Hi. This is the qmail-send program at mx.example.net.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\nThis is a permanent error; I've given up. Sorry it didn't work out.\r\n\r\n<${to}>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: ${id}\r\n`,
    ],
  ])("a plain-text %s bounce is read too", async (_client, subject, body) => {
    const email = `plain-${subject.length}@example.net`;
    const chat = await conversation(world, email);
    const sentId = chat.toCandidate.sentMessageId!;
    const raw = [
      "From: Mail Delivery System <Mailer-Daemon@mx.example.net>",
      "To: notifications@jobs.example",
      `Subject: ${subject}`,
      `Message-ID: ${newMessageId()}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      body(email, sentId.startsWith("<") ? sentId : `<${sentId}>`),
      "",
    ].join("\r\n");
    await deliver(raw, { from: "", to: "notifications@jobs.example" });
    expect(await lastLog()).toMatchObject({ outcome: "bounced", applicationId: chat.applicationId });
    const [row] = (await outboxOf(chat.applicationId, "candidate_message")).filter((r) => r.sentMessageId === sentId);
    expect(row).toMatchObject({ state: "bounced" });
  });

  it("survives 200 mangled reports: no crash, no answer, and no bounce unless a mail system reports our email", async () => {
    const email = "bounce-fuzz@example.net";
    const chat = await conversation(world, email);
    const sentId = chat.toCandidate.sentMessageId!;
    const outboxBefore = (await outboxOf(chat.applicationId)).length;
    const random = seededRandom(7);
    const base = dsn({ originalId: sentId, to: "notifications@jobs.example", recipient: email });
    for (let i = 0; i < 200; i++) {
      let raw = base;
      const cut = Math.floor(random() * raw.length);
      if (i % 4 === 0) raw = raw.slice(0, cut); // truncated anywhere
      if (i % 4 === 1) raw = raw.slice(0, cut) + "\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n".repeat(3) + raw.slice(cut); // nested and repeated parts
      if (i % 4 === 2) raw = raw.replace("Action: failed", ["Action: delayed", "Action:", "Action: failed\r\nAction: delivered", ""][i % 3]!);
      if (i % 4 === 3) raw = raw.replace("MAILER-DAEMON@mx.example.net", `${email}`).replace(/Message-ID: <test-[^>]+>/, `Message-ID: <fuzz-${i}@x>`);
      raw = raw.replace(/^Message-ID: <test-[^>]+>/m, `Message-ID: <fuzz-${i}@mx.example.net>`);
      const from = i % 4 === 3 ? email : "";
      const received = await deliver(raw, { from, to: "notifications@jobs.example" });
      const log = await lastLog();
      expect(["bounced", "automatic", "unknown_recipient", "unparseable", "duplicate"], `${i}: ${log.outcome} ${log.reason}`).toContain(log.outcome);
      if (i % 4 === 3) expect(log.outcome).not.toBe("bounced");
      expect(received.rejected === null || log.outcome === "unknown_recipient" || log.outcome === "unparseable").toBe(true);
    }
    // Nothing was ever answered.
    expect(await outboxOf(chat.applicationId)).toHaveLength(outboxBefore);
  });
});
