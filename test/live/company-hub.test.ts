import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { companyHub } from "../../src/live/fan-out";
import { connect, seedCompany } from "./helpers";

let s: Awaited<ReturnType<typeof seedCompany>>;
let other: Awaited<ReturnType<typeof seedCompany>>;
beforeEach(async () => {
  s = await seedCompany(`hub${Math.random().toString(36).slice(2, 8)}`);
  other = await seedCompany(`oth${Math.random().toString(36).slice(2, 8)}`);
});

const notification = (adminUnread: number) => ({
  type: "notification.created" as const,
  notification: { id: 1, kind: "message", applicationId: 2, messageId: 3, readAt: null },
  unread: adminUnread,
  applicationUnread: 1,
});

describe("CompanyHub", () => {
  it("sends per-admin frames to that admin's tabs only, and company frames to every admin of the company", async () => {
    const janaTab1 = await connect("/api/live", { Cookie: s.jana.cookie });
    const janaTab2 = await connect("/api/live", { Cookie: s.jana.cookie });
    const petr = await connect("/api/live", { Cookie: s.petr.cookie });
    const stranger = await connect("/api/live", { Cookie: other.jana.cookie });

    await companyHub(env, s.companyId).publish([
      { adminId: s.jana.id, event: notification(4) },
      { adminId: s.petr.id, event: notification(9) },
      { event: { type: "application.updated", application: { id: 2, status: "active", lastActivityAt: "2026-01-01T00:00:00.000Z" } } },
    ]);

    expect(await janaTab1.next()).toMatchObject({ type: "notification.created", unread: 4 });
    expect(await janaTab2.next()).toMatchObject({ type: "notification.created", unread: 4 });
    expect(await petr.next()).toMatchObject({ type: "notification.created", unread: 9 });
    for (const tab of [janaTab1, janaTab2, petr]) expect(await tab.next()).toMatchObject({ type: "application.updated" });
    expect(await stranger.drain()).toEqual([]);
  });

  it("keeps sockets and their tags across eviction (hibernation)", async () => {
    const jana = await connect("/api/live", { Cookie: s.jana.cookie });
    const petr = await connect("/api/live", { Cookie: s.petr.cookie });
    const hub = companyHub(env, s.companyId);
    await evictDurableObject(hub);
    await hub.publish([{ adminId: s.petr.id, event: { type: "notifications.read", unread: 0, applicationId: 2 } }]);
    expect(await petr.next()).toEqual({ type: "notifications.read", unread: 0, applicationId: 2 });
    expect(await jana.drain()).toEqual([]);
  });

  it("forgets a socket once its client closes it", async () => {
    const jana = await connect("/api/live", { Cookie: s.jana.cookie });
    await connect("/api/live", { Cookie: s.petr.cookie });
    const hub = companyHub(env, s.companyId);
    const open = () => runInDurableObject(hub, (_hub, state) => state.getWebSockets().map((ws) => ws.readyState));
    expect(await open()).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    jana.close();
    await vi.waitFor(async () => expect(await open()).toEqual([WebSocket.OPEN]));
  });
});
