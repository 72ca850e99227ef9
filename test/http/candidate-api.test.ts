import { env } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { candidateToken } from "../../src/conversations/candidate-link";
import { applications } from "../../src/db/schema";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
let applicationId: number;
let token: string;

beforeAll(async () => {
  world = await demoWorld();
  applicationId = (await json(await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Dana", email: "dana@example.com", message: "Hello" } }))).applicationId;
  token = await candidateToken(env.LINK_SECRET, applicationId, 1);
  await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Welcome, Dana." } });
});

describe("the candidate's API (token from the email link)", () => {
  it("lists the conversation oldest first, without admin-only delivery state", async () => {
    const { messages } = await json(await call(`/api/c/${token}/messages`));
    expect(messages.map((m: { body: string }) => m.body)).toEqual(["Hello", "Welcome, Dana."]);
    expect(messages[1]).toMatchObject({ author: { kind: "admin", name: "Jana Nováková" }, channel: "web", attachments: [] });
    expect(messages.every((m: object) => !("delivery" in m))).toBe(true);
  });

  it("after= returns only newer messages", async () => {
    const { messages } = await json(await call(`/api/c/${token}/messages`));
    const { messages: newer } = await json(await call(`/api/c/${token}/messages?after=${messages[0].id}`));
    expect(newer.map((m: { id: number }) => m.id)).toEqual([messages[1].id]);
  });

  it("the candidate writes; the message is theirs and goes to the company", async () => {
    const res = await call(`/api/c/${token}/messages`, { json: { body: "Thank you!" } });
    expect(res.status).toBe(201);
    expect((await json(res)).message).toMatchObject({ author: { kind: "candidate", name: "Dana" }, body: "Thank you!" });
  });

  it("tampered, malformed and other-conversation tokens answer 404", async () => {
    const [id, version, mac] = token.split(".");
    const tampered = [
      `${Number(id) + 1}.${version}.${mac}`,
      `${id}.${Number(version) + 1}.${mac}`,
      `${id}.${version}.${mac!.slice(0, -1)}${mac!.endsWith("A") ? "B" : "A"}`,
      "garbage",
      `${id}.${version}.`,
    ];
    for (const t of tampered) {
      expect((await call(`/api/c/${encodeURIComponent(t)}/messages`)).status, t).toBe(404);
      expect((await call(`/api/c/${encodeURIComponent(t)}/messages`, { json: { body: "x" } })).status, t).toBe(404);
    }
  });

  it("a revoked link (link version bumped) stops working", async () => {
    const other = (await json(await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Eve", email: "eve@example.com" } }))).applicationId;
    const oldToken = await candidateToken(env.LINK_SECRET, other, 1);
    expect((await call(`/api/c/${oldToken}/messages`)).status).toBe(200);
    await drizzle(env.DB).update(applications).set({ linkVersion: 2 }).where(eq(applications.id, other));
    expect((await call(`/api/c/${oldToken}/messages`)).status).toBe(404);
    expect((await call(`/api/c/${await candidateToken(env.LINK_SECRET, other, 2)}/messages`)).status).toBe(200);
  });

  it("once rejected the candidate gets 403 application_rejected with the company's contact email, and nothing is stored", async () => {
    await call(`/api/applications/${applicationId}/reject`, { cookie: world.jana, method: "POST" });
    const res = await call(`/api/c/${token}/messages`, { json: { body: "But why?" } });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ error: "application_rejected", contactEmail: "kariera@acme.example", message: expect.any(String) });
    const { messages } = await json(await call(`/api/c/${token}/messages`));
    expect(messages.some((m: { body: string }) => m.body === "But why?")).toBe(false);
    // The company can still write, and the candidate can still read it.
    await call(`/api/applications/${applicationId}/messages`, { cookie: world.petr, json: { body: "Sorry, Dana." } });
    const after = await json(await call(`/api/c/${token}/messages`));
    expect(after.messages.at(-1)).toMatchObject({ body: "Sorry, Dana.", author: { name: "Petr Svoboda" } });
  });
});
