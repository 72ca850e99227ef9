// Notifications that are not about a new message: made in the caller's batch, for the chosen admins of the
// application's company only, never for whoever caused them.
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { madeNotifications, notifyAdminsStatements } from "../../src/db/notifications";
import { rawBatch } from "../../src/db/raw-batch";
import { admins, notifications } from "../../src/db/schema";
import { newApplication } from "../support/records";

const db = database(env.DB);

async function companyWithAdmins(names: string[]) {
  const app = await newApplication();
  const ids: number[] = [];
  for (const name of names) {
    const [row] = await db
      .insert(admins)
      .values({ companyId: app.companyId, name, email: `${name}-${app.applicationId}@company.example`, passwordHash: "x", createdAt: Date.now() })
      .returning();
    ids.push(row!.id);
  }
  return { ...app, adminIds: ids };
}

const base = { applicationId: 0, messageId: null, authorKind: "admin" as const, authorName: "Jana", preview: "Vera: mailbox does not exist", now: 1 };

describe("notifyAdminsStatements", () => {
  it("notifies every admin of the company but the actor, and counts each one's unread", async () => {
    const acme = await companyWithAdmins(["jana", "petr", "iva"]);
    const stranger = await companyWithAdmins(["eva"]);
    const [inserted, counted] = await rawBatch(
      env.DB,
      notifyAdminsStatements({ ...base, kind: "bounce", applicationId: acme.applicationId, adminIds: "all", exceptAdminId: acme.adminIds[0]! }),
    );
    const made = madeNotifications(inserted!, counted!);
    expect(made.map((n) => n.adminId).sort()).toEqual([acme.adminIds[1], acme.adminIds[2]].sort());
    expect(made.every((n) => n.kind === "bounce" && n.unread === 1 && n.messageId === null && n.applicationId === acme.applicationId)).toBe(true);
    expect(await db.select().from(notifications).where(eq(notifications.adminId, stranger.adminIds[0]!))).toEqual([]);
  });

  it("notifies only the named admins, and never another company's even when named", async () => {
    const acme = await companyWithAdmins(["jana", "petr"]);
    const stranger = await companyWithAdmins(["eva"]);
    const statements = notifyAdminsStatements({
      ...base,
      kind: "mention",
      applicationId: acme.applicationId,
      adminIds: [acme.adminIds[1]!, stranger.adminIds[0]!],
      exceptAdminId: null,
    });
    const [inserted, counted] = await rawBatch(env.DB, statements);
    expect(madeNotifications(inserted!, counted!)).toEqual([expect.objectContaining({ adminId: acme.adminIds[1], kind: "mention", unread: 1 })]);
    const [eva] = await db.select().from(admins).where(eq(admins.id, stranger.adminIds[0]!));
    expect(eva!.unreadCount).toBe(0);
  });
});
