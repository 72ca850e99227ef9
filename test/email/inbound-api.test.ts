// The company's inbound log (CONTRACT.md "Email, both ways"): every email received for its conversations, refused
// ones included, with its outcome and its raw source; another company's never. And a routing address in Cc.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { conversation, deliver, fill, fixture, messagesOf, newMessageId } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

type Listed = { id: number; from: string; subject: string; outcome: string; applicationId: number | null; messageId: number | null; receivedAt: string };
const list = async (cookie: string, cursor?: string) =>
  json<{ emails: Listed[]; nextCursor: string | null }>(await call(`/api/inbound${cursor ? `?cursor=${cursor}` : ""}`, { cookie }));

describe("inbound log API", () => {
  it("lists stored and refused emails of the company's conversations, newest first, with their raw source", async () => {
    const email = "inbox-api@example.net";
    const chat = await conversation(world, email);
    const storedId = newMessageId();
    await deliver(fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, msgId: storedId, body: "Děkuji, dorazilo." }), { from: email, to: chat.candidateAddress });
    await deliver(fill(fixture("plain-reply"), { from: "impostor@example.net", to: chat.candidateAddress, body: "Podvrh" }), {
      from: "impostor@example.net",
      to: chat.candidateAddress,
    });
    // Unknown recipient: no conversation, so no company sees it.
    await deliver(fill(fixture("plain-reply"), { from: email, to: "nobody@reply.jobs.example", body: "Kam?" }), { from: email, to: "nobody@reply.jobs.example" });

    const { emails } = await list(world.jana);
    const [refused, stored] = emails;
    expect(refused).toMatchObject({ from: "impostor@example.net", outcome: "wrong_sender", applicationId: chat.applicationId, messageId: null });
    const last = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(stored).toMatchObject({ from: email, outcome: "stored", applicationId: chat.applicationId, messageId: last.id });
    expect(emails.some((e) => e.outcome === "unknown_recipient")).toBe(false);
    expect(new Date(stored!.receivedAt).getTime()).toBeGreaterThan(0);

    const raw = await call(`/api/inbound/${stored!.id}/raw`, { cookie: world.jana });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("Content-Type")).toBe("message/rfc822");
    expect(await raw.text()).toContain(`Message-ID: ${storedId}`);

    // Another company's admin sees none of it.
    expect((await list(world.eva)).emails).toEqual([]);
    expect((await call(`/api/inbound/${stored!.id}/raw`, { cookie: world.eva })).status).toBe(404);
    expect((await call("/api/inbound")).status).toBe(401);
    expect((await call("/api/inbound?cursor=abc", { cookie: world.jana })).status).toBe(400);
  });

  it("pages with nextCursor until null", async () => {
    const email = "inbox-pages@example.net";
    const chat = await conversation(world, email);
    for (let i = 0; i < 55; i++) {
      await deliver(fill(fixture("plain-reply"), { from: email, to: chat.candidateAddress, body: `Zpráva ${i}` }), { from: email, to: chat.candidateAddress });
    }
    const first = await list(world.jana);
    expect(first.emails).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(world.jana, first.nextCursor!);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.emails, ...second.emails].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe("inbound log page", () => {
  it("lists the company's emails with their outcome in words, a link to the message and the source", async () => {
    const chat = await conversation(world, "inbox-page@example.net");
    await deliver(fill(fixture("plain-reply"), { from: "inbox-page@example.net", to: chat.candidateAddress, body: "Dobrý den" }), {
      from: "inbox-page@example.net",
      to: chat.candidateAddress,
    });
    await deliver(fill(fixture("plain-reply"), { from: "stranger@example.net", to: chat.candidateAddress, body: "Cizí" }), {
      from: "stranger@example.net",
      to: chat.candidateAddress,
    });
    const page = await (await call("/admin/inbound", { cookie: world.jana })).text();
    expect(page).toContain("Odmítnuto: odesílatel nesmí do konverzace psát");
    expect(page).toContain("Uloženo do konverzace");
    expect(page).toMatch(/href="\/api\/inbound\/\d+\/raw"/);
    expect(page).toMatch(/href="\/admin\/applications\/\d+#message-\d+"/);
    expect(await (await call("/admin/inbound", { cookie: world.eva })).text()).toContain("No email has arrived yet.");
  });
});

describe("routing address in Cc", () => {
  it("is handled like one in To", async () => {
    const email = "cc-reply@example.net";
    const chat = await conversation(world, email);
    const raw = [
      `From: Lukáš <${email}>`,
      "To: someone.else@example.org",
      `Cc: Acme <${chat.candidateAddress}>`,
      "Subject: Re: pohovor",
      `Message-ID: ${newMessageId()}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Píšu i kolegovi, v kopii jste vy.",
      "",
    ].join("\r\n");
    const received = await deliver(raw, { from: email, to: chat.candidateAddress });
    expect(received.rejected).toBeNull();
    expect((await messagesOf(chat.applicationId)).at(-1)).toMatchObject({ body: "Píšu i kolegovi, v kopii jste vy.", authorKind: "candidate" });
  });
});
