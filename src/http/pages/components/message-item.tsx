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
 * One message of the thread. The viewer's own side sits right, the other side left, system lines in the middle.
 * The body is plain text: JSX escapes it, and CSS (white-space: pre-wrap) keeps its line breaks.
 */
export function MessageItem({ t, message: m, viewer, companyName, attachmentHref }: MessageItemProps) {
  const time = <time datetime={m.createdAt}>{formatDateTime(t, m.createdAt)}</time>;
  if (m.author.kind === "system") {
    return (
      <li id={`message-${m.id}`} class="message message--system" data-message-id={m.id}>
        <p class="message__body">{m.body}</p>
        {time}
      </li>
    );
  }
  const companySide = m.author.kind !== "candidate";
  const ours = viewer === "admin" ? companySide : !companySide;
  // Candidates see who at the company wrote, and for which company; admins know their colleagues.
  const author = viewer === "candidate" && m.author.kind === "admin" ? `${m.author.name} · ${companyName}` : m.author.name;
  return (
    <li id={`message-${m.id}`} class={`message ${ours ? "message--ours" : "message--theirs"}`} data-message-id={m.id} data-author-kind={m.author.kind}>
      <div class="message__meta">
        <span class="message__author">{author}</span>
        <span class="message__channel">{t.channel[m.channel]}</span>
        {time}
      </div>
      {m.body && <div class="message__body">{m.body}</div>}
      {m.attachments.length > 0 && (
        <ul class="attachments" aria-label={t.conversation.attachments}>
          {m.attachments.map((a) => (
            <li>
              <a href={attachmentHref(a.id)} download={a.filename}>{a.filename}</a>
              <span class="attachments__size">{formatSize(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {viewer === "admin" && m.delivery && (
        <p class={`delivery delivery--${m.delivery.state}`} data-delivery-state={m.delivery.state}>
          {t.delivery[m.delivery.state]}
        </p>
      )}
    </li>
  );
}
