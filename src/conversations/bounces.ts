/**
 * A delivery report for an email we sent: that email's delivery becomes "bounced" with the server's reason, shown
 * in the thread, and the company's admins are told. It is not a message: nobody wrote anything.
 */
import { markBounced, sentEmailsWithIds } from "../db/bounces";
import { database } from "../db/client";
import type { Env } from "../env";
import type { DomainEvent, Outcome } from "./events";

/** The application the report was about (null: none of ours), with what to tell. */
export async function recordBounce(
  env: Env,
  report: { originalIds: string[]; reason: string; recipient: string | null },
  now = Date.now(),
): Promise<Outcome<{ applicationId: number; companyId: number } | null>> {
  // The report must be about the address that email went to: naming our Message-ID alone proves little.
  const sent = (await sentEmailsWithIds(database(env.DB), report.originalIds)).filter((e) => report.recipient === null || e.toAddress.toLowerCase() === report.recipient);
  const events: DomainEvent[] = [];
  for (const email of sent) {
    const notifications = await markBounced(env.DB, email, report.reason, now);
    if (notifications === null) continue; // an earlier report bounced it already
    if (notifications.length > 0) events.push({ type: "admins.notified", companyId: email.companyId, notifications });
    if (email.messageId !== null) events.push({ type: "email.bounced", applicationId: email.applicationId, messageId: email.messageId, reason: report.reason });
  }
  const first = sent[0];
  return { result: first ? { applicationId: first.applicationId, companyId: first.companyId } : null, events };
}
