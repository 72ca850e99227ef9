import type { Child } from "hono/jsx";
import type { MessageView } from "../../../conversations/types";
import type { PageText } from "../../../i18n/pages";
import { MessageItem, type Viewer } from "./message-item";

export interface ThreadProps {
  t: PageText;
  messages: MessageView[];
  viewer: Viewer;
  companyName: string;
  /** API base of this conversation: "/api/applications/12" or "/api/c/<token>" (live, messages, send). */
  apiBase: string;
  attachmentHref: (attachmentId: number) => string;
  /** Link to the page of earlier messages, when there are more than fit on this one. */
  earlierHref?: string | null;
  /** The send form or the closed notice. */
  children?: Child;
}

/**
 * The conversation as the live client expects it (contract in src/client/main.ts): the section names the socket
 * and the catch-up/send URLs and the last message shown, so the client fetches only what came after it.
 */
export function Thread({ t, messages, viewer, companyName, apiBase, attachmentHref, earlierHref, children }: ThreadProps) {
  return (
    <section
      class="thread"
      aria-label={t.conversation.thread}
      data-live-conversation={`${apiBase}/live`}
      data-messages-url={`${apiBase}/messages`}
      data-send-url={`${apiBase}/messages`}
      data-last-message-id={String(messages.at(-1)?.id ?? 0)}
      data-role={viewer}
    >
      {earlierHref && <a class="thread__earlier" href={earlierHref}>{t.conversation.earlier}</a>}
      <ol class="messages" data-messages aria-live="polite">
        {messages.map((m) => (
          <MessageItem t={t} message={m} viewer={viewer} companyName={companyName} attachmentHref={attachmentHref} />
        ))}
      </ol>
      <p class="thread__empty">{t.conversation.empty}</p>
      <p class="thread__status">
        <span data-typing></span>
        <span data-seen></span>
      </p>
      {children}
    </section>
  );
}
