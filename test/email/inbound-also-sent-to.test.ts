// "Also sent to": whom else the writer of an emailed reply addressed, shown to the team and never to the candidate.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { candidateToken } from "../../src/conversations/candidate-link";
import { connect } from "../live/helpers";
import { call, demoWorld, json } from "../support/http";
import { conversation, deliver, messagesOf, newMessageId } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

function reply(headers: { from: string; to: string; cc?: string }, body: string): string {
  return [
    `From: ${headers.from}`,
    `To: ${headers.to}`,
    ...(headers.cc ? [`Cc: ${headers.cc}`] : []),
    "Subject: Re: Backend Engineer (TypeScript)",
    `Message-ID: ${newMessageId()}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

const alsoSentToOf = async (applicationId: number) => JSON.parse((await messagesOf(applicationId)).at(-1)!.alsoSentTo) as string[];

describe("also sent to", () => {
  it("a candidate's reply with someone in Cc: the team sees whom else it went to, the candidate does not", async () => {
    const email = "also-cc@example.net";
    const chat = await conversation(world, email);
    const token = await candidateToken(env.LINK_SECRET, chat.applicationId, 1);
    const jana = await connect(`/api/applications/${chat.applicationId}/live`, { Cookie: world.jana });
    const candidate = await connect(`/api/c/${token}/live`);

    const raw = reply({ from: `Lukáš <${email}>`, to: `Acme <${chat.candidateAddress}>`, cc: "Petra Nová <Petra.Nova@Example.org>" }, "Posílám i paní Nové.");
    expect((await deliver(raw, { from: email, to: chat.candidateAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["petra.nova@example.org"]);

    const created = (frames: { type: string; message?: { body: string } }[]) => frames.find((f) => f.type === "message.created" && f.message?.body === "Posílám i paní Nové.");
    expect(created(await jana.drain())).toMatchObject({ message: { alsoSentTo: ["petra.nova@example.org"] } });
    const theirFrame = created(await candidate.drain());
    expect(theirFrame).toBeDefined();
    expect(theirFrame!.message).not.toHaveProperty("alsoSentTo");
    jana.close();
    candidate.close();

    const { messages } = await json<{ messages: { body: string; alsoSentTo?: string[] }[] }>(
      await call(`/api/applications/${chat.applicationId}/messages`, { cookie: world.jana }),
    );
    expect(messages.at(-1)).toMatchObject({ body: "Posílám i paní Nové.", alsoSentTo: ["petra.nova@example.org"] });
    expect(messages[0]!.alsoSentTo).toEqual([]);
    const theirs = await json<{ messages: object[] }>(await call(`/api/c/${token}/messages`));
    expect(theirs.messages.some((m) => "alsoSentTo" in m)).toBe(false);

    const page = await (await call(`/admin/applications/${chat.applicationId}`, { cookie: world.jana })).text();
    expect(page).toContain("také posláno: petra.nova@example.org");
    const english = await (await call(`/admin/applications/${chat.applicationId}`, { cookie: `${world.jana}; lang=en` })).text();
    expect(english).toContain("also sent to: petra.nova@example.org");
    expect(await (await call(`/c/${token}`)).text()).not.toContain("petra.nova@example.org");

    const exported = await json<{ messages: { body: string; alsoSentTo?: string[] }[] }>(await call(`/api/applications/${chat.applicationId}/export`, { cookie: world.jana }));
    expect(exported.messages.find((m) => m.body === "Posílám i paní Nové.")?.alsoSentTo).toEqual(["petra.nova@example.org"]);
    const ownExport = await json<{ messages: object[] }>(await call(`/api/c/${token}/export`));
    expect(ownExport.messages.some((m) => "alsoSentTo" in m)).toBe(false);
  });

  it("Bcc-style: our address only in the envelope, the people in To are listed", async () => {
    const email = "also-bcc@example.net";
    const chat = await conversation(world, email);
    const raw = reply({ from: email, to: "kolega@example.org, Druhý <druhy@example.cz>" }, "Vás mám ve skryté kopii.");
    expect((await deliver(raw, { from: email, to: chat.candidateAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["kolega@example.org", "druhy@example.cz"]);
  });

  it("never lists our own addresses, the offer's notification address or the sender, and each address once whatever its case", async () => {
    const email = "also-ours@example.net";
    const chat = await conversation(world, email);
    const raw = reply(
      {
        from: "Petr Svoboda <petr@acme.example>",
        to: `${chat.companyAddress}, ${chat.candidateAddress}, notifications@jobs.example`,
        // jobs@acme.example: the offer's notification address, told of every message anyway; Jana is news.
        cc: "PETR@acme.example, jana@acme.example, Jana <JANA@Acme.example>, Nábor <JOBS@acme.example>",
      },
      "Jano, posílám i tobě.",
    );
    expect((await deliver(raw, { from: "petr@acme.example", to: chat.companyAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["jana@acme.example"]);
  });

  it("a reply without other recipients lists nobody, and a mass mailing only its first 20", async () => {
    const email = "also-many@example.net";
    const chat = await conversation(world, email);
    await deliver(reply({ from: email, to: chat.candidateAddress }, "Jen vám."), { from: email, to: chat.candidateAddress });
    expect(await alsoSentToOf(chat.applicationId)).toEqual([]);
    expect(await (await call(`/admin/applications/${chat.applicationId}`, { cookie: world.jana })).text()).not.toContain("data-also-sent-to");

    const many = Array.from({ length: 30 }, (_, i) => `person${i}@example.org`);
    await deliver(reply({ from: email, to: chat.candidateAddress, cc: many.join(", ") }, "Všem."), { from: email, to: chat.candidateAddress });
    expect(await alsoSentToOf(chat.applicationId)).toEqual(many.slice(0, 20));
  });
});
