import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { database } from "../../db/client";
import { outbox } from "../../db/schema";
import type { AppContext } from "../types";

type OutboxRow = typeof outbox.$inferSelect;

/** CONTRACT.md's mailbox entry: every email the app sent or tried to send, as it went out. */
export function mailboxEntry(row: OutboxRow) {
  return {
    id: row.id,
    from: row.fromAddress,
    to: [row.toAddress],
    replyTo: row.replyTo,
    subject: row.subject,
    messageId: row.sentMessageId,
    inReplyTo: row.inReplyTo,
    text: row.textBody,
    html: row.htmlBody,
    raw: row.raw,
    state: row.state,
    kind: row.kind,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export const mailboxRoutes = new Hono<AppContext>()
  .get("/mailbox.json", async (c) => {
    const rows = await database(c.env.DB).select().from(outbox).where(eq(outbox.hiddenInDevMailbox, false)).orderBy(asc(outbox.id));
    return c.json({ emails: rows.map(mailboxEntry) });
  })
  .delete("/mailbox", async (c) => {
    await database(c.env.DB).update(outbox).set({ hiddenInDevMailbox: true }).where(eq(outbox.hiddenInDevMailbox, false));
    return c.body(null, 204);
  });
