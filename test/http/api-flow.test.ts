import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("the seed story over the JSON API", () => {
  it("a candidate applies, an admin answers, the candidate answers back", async () => {
    const applied = await call(`/api/offers/${world.acme.offerId}/applications`, {
      json: { name: "Karel Novák", email: "Karel@Example.com", message: "Dobrý den, mám zájem." },
    });
    expect(applied.status).toBe(201);
    const { applicationId } = await json(applied);

    const inbox = await json(await call("/api/applications", { cookie: world.jana }));
    expect(inbox.applications[0]).toMatchObject({
      id: applicationId,
      status: "active",
      source: "applied",
      candidate: { name: "Karel Novák", email: "karel@example.com" },
      offer: { id: world.acme.offerId, title: "Backend Engineer (TypeScript)" },
      unread: 1,
    });

    const sent = await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Dobrý den, kdy se vám hodí pohovor?" } });
    expect(sent.status).toBe(201);
    const { message } = await json(sent);
    expect(message).toMatchObject({ author: { kind: "admin", name: "Jana Nováková" }, channel: "web", delivery: { state: "pending" } });

    // By the time the sender has the answer, the email has gone out with the Message-ID the platform gave it.
    const { emails } = await json(await call("/dev/mailbox.json"));
    const toCandidate = emails.filter((e: { to: string[] }) => e.to.includes("karel@example.com"));
    // First the confirmation of the application, then Jana's answer, threaded under it.
    expect(toCandidate.map((e: { kind: string }) => e.kind)).toEqual(["application_received", "candidate_message"]);
    const [confirmation, answer] = toCandidate;
    expect(confirmation.text).toContain("Dobrý den, mám zájem.");
    // "Acme Robotics s.r.o." ends the sentence with its own full stop, not two.
    expect(confirmation.text).toContain("s.r.o. Přihláška dorazila");
    for (const email of toCandidate) {
      expect(email).toMatchObject({ state: "sent", messageId: expect.stringMatching(/^<.+@.+>$/), replyTo: expect.stringMatching(/@reply\.jobs\.example$/) });
      expect(email.text).toMatch(/http:\/\/localhost:8787\/c\/[A-Za-z0-9._~-]+/);
    }
    expect(answer.inReplyTo).toBe(confirmation.messageId);

    const petrsInbox = await json(await call("/api/applications", { cookie: world.petr }));
    expect(petrsInbox.applications[0]).toMatchObject({
      id: applicationId,
      lastMessage: { id: message.id, body: "Dobrý den, kdy se vám hodí pohovor?", author: { name: "Jana Nováková" } },
      unread: 2,
    });
    // Writing in a conversation means having read it.
    expect((await json(await call("/api/applications", { cookie: world.jana }))).applications[0].unread).toBe(0);

    const listed = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.petr }));
    expect(listed.messages.map((m: { body: string }) => m.body)).toEqual(["Dobrý den, mám zájem.", "Dobrý den, kdy se vám hodí pohovor?"]);
  });
});

describe("development rows-read meter", () => {
  it("reports the D1 rows a request read when asked, and only then", async () => {
    const measured = await call("/api/applications", { cookie: world.jana, headers: { "X-Measure-D1": "1" } });
    expect(measured.status).toBe(200);
    expect(Number(measured.headers.get("X-D1-Rows-Read"))).toBeGreaterThan(0);
    expect(Number(measured.headers.get("X-D1-Queries"))).toBeGreaterThan(1);
    expect((await call("/api/applications", { cookie: world.jana })).headers.get("X-D1-Rows-Read")).toBeNull();
  });

  it("counts a batch of many statements as one round trip", async () => {
    const { applications } = await json(await call("/api/applications", { cookie: world.jana }));
    const read = await call(`/api/applications/${applications[0].id}/read`, { method: "POST", cookie: world.jana, headers: { "X-Measure-D1": "1" } });
    expect(read.status).toBe(204);
    const trips = Number(read.headers.get("X-D1-Round-Trips"));
    expect(trips).toBeGreaterThanOrEqual(1);
    expect(Number(read.headers.get("X-D1-Queries"))).toBeGreaterThan(trips);
  });
});
