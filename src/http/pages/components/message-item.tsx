import { linkParts } from "../../../conversations/links";
import type { MessageView } from "../../../conversations/types";
import type { PageText } from "../../../i18n/pages";
import { formatDateTime, formatSize } from "../format";

export type Viewer = "admin" | "candidate";

interface MessageItemProps {
  t: PageText;
  message: MessageView;
  viewer: Viewer;
  companyName: string;
  attachmentHref: (attachmentId: number) => string;
}

/**
 * One message, in the same markup the live client renders (renderMessage in src/client/render.ts), so old and
 * live messages look alike. Which side it sits on is CSS's business (data-author-kind against the thread's
 * data-role). The body is plain text: JSX escapes it and CSS (white-space: pre-wrap) keeps its line breaks.
 */
export function MessageItem({ t, message: m, viewer, companyName, attachmentHref }: MessageItemProps) {
  return (
    <li
      id={`message-${m.id}`}
      class="message"
      data-message-id={String(m.id)}
      data-author-kind={m.author.kind}
      data-author-admin-id={m.author.adminId !== undefined ? String(m.author.adminId) : undefined}
      data-channel={m.channel}
      data-visibility={m.visibility}
    >
      <div class="message-meta">
        <strong data-author>{m.author.name}</strong>
        {/* Candidates see which company a recruiter writes for; admins know their colleagues. */}
        {viewer === "candidate" && m.author.kind === "admin" && <span data-author-company>{companyName}</span>} <span data-channel-label>{t.channel[m.channel]}</span>{" "}
        <time datetime={m.createdAt}>{formatDateTime(t, m.createdAt)}</time>
        {m.visibility === "internal" && (
          <>
            {" "}
            <span data-internal>{t.visibility.internal}</span>
          </>
        )}
        {viewer === "admin" && m.delivery && (
          <>
            {" "}
            <span data-delivery={m.delivery.state}>{t.delivery[m.delivery.state]}</span>
            {m.delivery.reason && <span data-bounce-reason>{m.delivery.reason}</span>}
          </>
        )}
      </div>
      {viewer === "admin" && m.alsoSentTo && m.alsoSentTo.length > 0 && <p data-also-sent-to>{t.conversation.alsoSentTo(m.alsoSentTo.join(", "))}</p>}
      <p data-body>
        {linkParts(m.body).map((part) =>
          part.href ? (
            <a href={part.href} rel="noopener noreferrer nofollow ugc" target="_blank">
              {part.text}
            </a>
          ) : (
            part.text
          ),
        )}
      </p>
      {m.attachments.length > 0 && (
        <ul data-attachments aria-label={t.conversation.attachments}>
          {m.attachments.map((a) => (
            <li>
              <a href={attachmentHref(a.id)} download={a.filename}>
                {a.filename}
              </a>{" "}
              <span data-size>{formatSize(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {m.skippedFiles.length > 0 && (
        <ul data-skipped-files>
          {m.skippedFiles.map((f) => (
            <li>{t.skipped[f.reason].replace("{filename}", f.filename)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
