import type { Child } from "hono/jsx";
import type { MessageView } from "../../../conversations/types";
import type { PageText } from "../../../i18n/pages";
import { MessageItem, type Viewer } from "./message-item";

export interface ThreadProps {
  t: PageText;
  messages: MessageView[];
  viewer: Viewer;
  /** Admin pages: whose messages and read marks are "mine" to the client. */
  selfAdminId?: number;
  status: "active" | "rejected";
  companyName: string;
  /** API base of this conversation: "/api/applications/12" or "/api/c/<token>" (live, messages, send). */
  apiBase: string;
  /** Download link of an attachment, with "{id}" where its id goes. */
  attachmentUrl: string;
  pageSize: number;
  /** Link to the page of earlier messages, when there are more than fit on this one. */
  earlierHref?: string | null;
  /** The send form or the closed notice. */
  children?: Child;
}

/**
 * The conversation in the shape the live client expects (contract at the top of src/client/main.ts): the
 * section names the socket, the catch-up and send URLs and the last message shown, so after connecting the
 * client fetches only what came later.
 */
export function Thread(props: ThreadProps) {
  const { t, messages } = props;
  const attachmentHref = (id: number) => props.attachmentUrl.replace("{id}", String(id));
  return (
    <section
      class="thread"
      aria-label={t.conversation.thread}
      data-live-conversation={`${props.apiBase}/live`}
      data-messages-url={`${props.apiBase}/messages`}
      data-send-url={`${props.apiBase}/messages`}
      data-read-url={`${props.apiBase}/read`}
      data-role={props.viewer}
      data-self-admin-id={props.selfAdminId !== undefined ? String(props.selfAdminId) : undefined}
      data-last-message-id={String(messages.at(-1)?.id ?? 0)}
      data-attachment-url={props.attachmentUrl}
      data-page-size={String(props.pageSize)}
      data-status={props.status}
    >
      {props.earlierHref && (
        <a class="thread__earlier" href={props.earlierHref}>
          {t.conversation.earlier}
        </a>
      )}
      <ol class="messages" data-messages>
        {messages.map((m) => (
          <MessageItem t={t} message={m} viewer={props.viewer} companyName={props.companyName} attachmentHref={attachmentHref} />
        ))}
      </ol>
      <p class="thread__empty">{t.conversation.empty}</p>
      <p class="thread__status" aria-live="polite">
        <span data-typing hidden></span>
        <span data-seen hidden></span>
        <span data-live-status hidden></span>
      </p>
      {props.children}
    </section>
  );
}
