import type { Context } from "hono";
import type { outbox } from "../../db/schema";

type OutboxRow = typeof outbox.$inferSelect;

export interface MailboxEmail {
  row: OutboxRow;
  /** Who may "answer as" for this email: its recipient, the company's admins for company emails, and one stranger. */
  senders: string[];
}

export interface AnswerNotice {
  emailId: number;
  outcome: string;
  rejected: string | null;
}

export async function renderMailbox(c: Context, emails: MailboxEmail[], order: "newest" | "oldest", notice: AnswerNotice | null) {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${(await (<MailboxPage emails={emails} order={order} notice={notice} />)).toString()}`);
}

/** The development mailbox: every email the app sent, each with a form to answer it as its recipient. */
export function MailboxPage(props: { emails: MailboxEmail[]; order: "newest" | "oldest"; notice: AnswerNotice | null }) {
  const other = props.order === "newest" ? "oldest" : "newest";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Dev mailbox</title>
        <link rel="stylesheet" href="/app.css" />
      </head>
      <body>
        <main class="page page--narrow-wide stack">
          <h1>Development mailbox</h1>
          <p>
            {props.emails.length} email(s), {props.order} first. <a href={`/dev/mailbox?order=${other}`}>Show {other} first</a> · <a href="/dev/mailbox.json">JSON</a>
          </p>
          {props.notice && <Notice notice={props.notice} />}
          {props.emails.map((email) => (
            <Email email={email} order={props.order} />
          ))}
        </main>
      </body>
    </html>
  );
}

function Notice({ notice }: { notice: AnswerNotice }) {
  return (
    <p class="card" role="status">
      Answer to <a href={`#email-${notice.emailId}`}>email {notice.emailId}</a>: <strong>{notice.outcome}</strong>
      {notice.rejected ? ` — rejected: ${notice.rejected}` : ""}
    </p>
  );
}

function Email({ email: { row, senders }, order }: { email: MailboxEmail; order: string }) {
  const fields: [string, string | null][] = [
    ["From", row.fromAddress],
    ["To", row.toAddress],
    ["Reply-To", row.replyTo],
    ["Subject", row.subject],
    ["Kind", row.kind],
    ["State", row.lastError ? `${row.state} (${row.lastError})` : row.state],
    ["Message-ID", row.sentMessageId],
    ["In-Reply-To", row.inReplyTo],
    ["Created", new Date(row.createdAt).toISOString()],
  ];
  return (
    <article id={`email-${row.id}`} class="card stack">
      <h2>
        #{row.id} {row.subject}
      </h2>
      <dl class="details">
        {fields.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value ?? "—"}</dd>
          </>
        ))}
      </dl>
      <pre class="mailbox__text">{row.textBody}</pre>
      <details>
        <summary>HTML source</summary>
        <pre class="mailbox__text">{row.htmlBody}</pre>
        <a href={`/dev/mailbox/${row.id}/html`} target="_blank" rel="noopener">
          Open the HTML rendered (sandboxed)
        </a>
      </details>
      {row.replyTo ? (
        <form method="post" action={`/dev/mailbox/${row.id}/answer?order=${order}`} class="stack field">
          <label for={`from-${row.id}`}>Answer as</label>
          <select id={`from-${row.id}`} name="from">
            {senders.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
          <label for={`body-${row.id}`}>Answer</label>
          <textarea id={`body-${row.id}`} name="body" rows={4} required></textarea>
          <button type="submit" class="button">
            Send as a reply email
          </button>
        </form>
      ) : (
        <p>No Reply-To: this email cannot be answered.</p>
      )}
    </article>
  );
}
