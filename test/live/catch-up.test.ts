import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { APP, connect, seedCompany } from "./helpers";

let s: Awaited<ReturnType<typeof seedCompany>>;
beforeAll(async () => {
  s = await seedCompany("catchup");
});

async function post(body: string) {
  const res = await SELF.fetch(`${APP}/api/applications/${s.applicationId}/messages`, {
    method: "POST",
    headers: { Cookie: s.jana.cookie, Origin: APP, "Content-Type": "application/json" },
    body: JSON.stringify({ body }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { message: { id: number } }).message;
}

async function messagesAfter(path: string, after: number, headers: Record<string, string> = {}) {
  const res = await SELF.fetch(`${APP}${path}?after=${after}`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: { id: number; body: string }[] }).messages;
}

describe("catching up after a dropped socket", () => {
  it("returns through ?after= what was posted while the socket was away, and live frames resume", async () => {
    const admin = { Cookie: s.petr.cookie };
    let socket = await connect(`/api/applications/${s.applicationId}/live`, admin);
    const first = await post("first");
    expect(await socket.next()).toMatchObject({ type: "message.created", message: { id: first.id, body: "first" } });

    socket.close(); // the network drops: frames published now reach nobody
    const missed = await post("while you were away");

    socket = await connect(`/api/applications/${s.applicationId}/live`, admin);
    const caughtUp = await messagesAfter(`/api/applications/${s.applicationId}/messages`, first.id, admin);
    expect(caughtUp.map((m) => [m.id, m.body])).toEqual([[missed.id, "while you were away"]]);
    expect(await socket.drain()).toEqual([]);

    const candidate = await messagesAfter(`/api/c/${s.candidateToken}/messages`, first.id);
    expect(candidate.map((m) => m.id)).toEqual([missed.id]);

    const live = await post("back online");
    expect(await socket.next()).toMatchObject({ type: "message.created", message: { id: live.id } });
  });
});

describe("upgrades through the Worker", () => {
  it("opens sockets through SELF with the app's middleware in front", async () => {
    const res = await SELF.fetch(`${APP}/api/c/${s.candidateToken}/live`, { headers: { Upgrade: "websocket", Origin: APP } });
    expect(res.status).toBe(101);
    res.webSocket!.accept();
    res.webSocket!.close(1000);
    const refused = await SELF.fetch(`${APP}/api/applications/${s.applicationId}/live`, { headers: { Upgrade: "websocket", Origin: APP } });
    expect(refused.status).toBe(401);
  });
});
