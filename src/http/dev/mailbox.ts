import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import { adminAddresses, hideMailbox, mailboxRow, mailboxRows, type OutboxRow } from "../../db/dev-mailbox";
import { handleInboundEmail } from "../../email/inbound/handler";
import { jsonError } from "../errors";
import type { AppContext } from "../types";
import { id, valid } from "../validation";
import { renderMailbox } from "./mailbox-page";
import { devInboundMessage, replyMime } from "./mailbox-reply";

/** An address nobody verified, offered in "answer as" to show what an unverified sender gets. */
export const STRANGER = "someone.else@example.com";

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

const order = z.object({ order: z.enum(["newest", "oldest"]).default("newest") });

export const mailboxRoutes = new Hono<AppContext>()
  .get("/mailbox.json", async (c) => {
    const rows = await mailboxRows(database(c.env.DB), "oldest");
    return c.json({ emails: rows.map(mailboxEntry) });
  })
  .delete("/mailbox", async (c) => {
    await hideMailbox(database(c.env.DB));
    return c.body(null, 204);
  })
  .get("/mailbox", valid("query", order.extend({ answered: id.optional(), outcome: z.string().max(40).optional(), rejected: z.string().max(500).optional() })), async (c) => {
    const query = c.req.valid("query");
    const rows = await mailboxRows(database(c.env.DB), query.order);
    const notice = query.answered && query.outcome ? { emailId: query.answered, outcome: query.outcome, rejected: query.rejected ?? null } : null;
    return renderMailbox(c, await withSenders(c.env.DB, rows), query.order, notice);
  })
  .get("/mailbox/:id/html", valid("param", z.object({ id })), async (c) => {
    const row = await mailboxRow(database(c.env.DB), c.req.valid("param").id);
    if (!row) return jsonError(c, 404, "not_found", "No such email.");
    // Asks for a sandbox. secureHeaders (overwrite: true) currently replaces it with the app-wide CSP, which
    // still runs no inline script and loads nothing foreign; the page itself shows the HTML only escaped.
    return c.html(row.htmlBody ?? "", 200, { "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
  })
  .post(
    "/mailbox/:id/answer",
    valid("param", z.object({ id })),
    valid("query", order),
    valid("form", z.object({ from: z.string().max(254), body: z.string().max(20_000) })),
    async (c) => {
      const row = await mailboxRow(database(c.env.DB), c.req.valid("param").id);
      if (!row?.replyTo) return jsonError(c, 404, "not_found", "No such email, or it has no Reply-To.");
      const { from, body } = c.req.valid("form");
      const [email] = await withSenders(c.env.DB, [row]);
      if (!email!.senders.includes(from)) return jsonError(c, 400, "invalid_input", "from: not one of this email's senders.");

      const now = new Date();
      const raw = replyMime({
        from,
        to: row.replyTo,
        subject: row.subject ?? "",
        inReplyTo: row.sentMessageId,
        references: row.references,
        original: { from: row.fromAddress ?? "", date: new Date(row.sentAt ?? row.createdAt), text: row.textBody ?? "" },
        answer: body,
        date: now,
      });
      const result = await handleInboundEmail(devInboundMessage(from, row.replyTo, raw), c.env, c.executionCtx, now.getTime());
      const params = new URLSearchParams({ order: c.req.valid("query").order, answered: String(row.id), outcome: result.outcome });
      if (result.rejected) params.set("rejected", result.rejected.slice(0, 500));
      return c.redirect(`/dev/mailbox?${params}#email-${row.id}`, 303);
    },
  );

/** The recipient; for company emails also every admin of that company; and a stranger to show a rejection. */
async function withSenders(d1: D1Database, rows: OutboxRow[]) {
  const companyIds = [...new Set(rows.filter((r) => r.recipientKind.startsWith("address:")).map((r) => r.companyId))];
  const admins = await adminAddresses(database(d1), companyIds);
  return rows.map((row) => ({ row, senders: [...new Set([row.toAddress, ...(admins.get(row.companyId) ?? []), STRANGER])] }));
}
