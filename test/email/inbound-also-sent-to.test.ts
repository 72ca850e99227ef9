// "Also sent to": whom else the writer of an emailed reply addressed.
import { beforeAll, describe, expect, it } from "vitest";
import { demoWorld } from "../support/http";
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
  it("a candidate's reply with someone in Cc keeps that person", async () => {
    const email = "also-cc@example.net";
    const chat = await conversation(world, email);
    const raw = reply({ from: `Lukáš <${email}>`, to: `Acme <${chat.candidateAddress}>`, cc: "Petra Nová <Petra.Nova@Example.org>" }, "Posílám i paní Nové.");
    expect((await deliver(raw, { from: email, to: chat.candidateAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["petra.nova@example.org"]);
  });

  it("Bcc-style: our address only in the envelope, the people in To are listed", async () => {
    const email = "also-bcc@example.net";
    const chat = await conversation(world, email);
    const raw = reply({ from: email, to: "kolega@example.org, Druhý <druhy@example.cz>" }, "Vás mám ve skryté kopii.");
    expect((await deliver(raw, { from: email, to: chat.candidateAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["kolega@example.org", "druhy@example.cz"]);
  });

  it("never lists our own addresses or the sender, and each address once whatever its case", async () => {
    const email = "also-ours@example.net";
    const chat = await conversation(world, email);
    const raw = reply(
      {
        from: "Petr Svoboda <petr@acme.example>",
        to: `${chat.companyAddress}, ${chat.candidateAddress}, notifications@jobs.example`,
        cc: "PETR@acme.example, jana@acme.example, Jana <JANA@Acme.example>",
      },
      "Jano, posílám i tobě.",
    );
    expect((await deliver(raw, { from: "petr@acme.example", to: chat.companyAddress })).rejected).toBeNull();
    expect(await alsoSentToOf(chat.applicationId)).toEqual(["jana@acme.example"]);
  });

  it("a reply without other recipients lists nobody; a mass mailing only its first 20", async () => {
    const email = "also-many@example.net";
    const chat = await conversation(world, email);
    await deliver(reply({ from: email, to: chat.candidateAddress }, "Jen vám."), { from: email, to: chat.candidateAddress });
    expect(await alsoSentToOf(chat.applicationId)).toEqual([]);

    const many = Array.from({ length: 30 }, (_, i) => `person${i}@example.org`);
    await deliver(reply({ from: email, to: chat.candidateAddress, cc: many.join(", ") }, "Všem."), { from: email, to: chat.candidateAddress });
    expect(await alsoSentToOf(chat.applicationId)).toEqual(many.slice(0, 20));
  });
});
