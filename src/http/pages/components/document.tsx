import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { MAX_BODY_LENGTH } from "../../../conversations/errors";
import { knownPlaceholders } from "../../../conversations/placeholders";
import type { PageText } from "../../../i18n/pages";

export interface DocumentProps {
  t: PageText;
  title: string;
  /** Load the browser script that makes the page live (src/client). */
  client?: boolean;
  /** Admin pages: the company-wide socket that keeps unread counts, notifications and the inbox order current. */
  liveCompany?: boolean;
  bodyClass?: string;
  children?: Child;
}

/**
 * The HTML document every page shares. The CSP allows no inline styles or scripts: styling lives in /app.css,
 * behaviour in /client.js, and the client's strings travel in a JSON data block, which browsers never execute.
 */
export function Document({ t, title, client, liveCompany, bodyClass, children }: DocumentProps) {
  return (
    // The client writes live times as the server does: in the company's zone, in the page's date locale.
    <html lang={t.htmlLang} data-time-zone={t.timeZone} data-date-locale={t.dateLocale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="stylesheet" href="/app.css" />
        {client && <script type="module" src="/client.js" defer></script>}
        {client && (
          <script type="application/json" id="i18n">
            {jsonForScript(clientStrings(t))}
          </script>
        )}
      </head>
      <body
        class={bodyClass}
        data-live-company={liveCompany ? "/api/live" : undefined}
        data-notifications-url={liveCompany ? "/api/notifications" : undefined}
        data-application-url={liveCompany ? "/admin/applications/{id}" : undefined}
      >
        <a class="skip-link" href="#main">
          {t.common.skipToContent}
        </a>
        {children}
      </body>
    </html>
  );
}

/** The client's flat "live.<key>" dictionary (see src/client/strings.ts). */
function clientStrings(t: PageText): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(t.live)) strings[`live.${key}`] = value;
  for (const [key, value] of Object.entries(t.channel)) strings[`live.channel.${key}`] = value;
  for (const [key, value] of Object.entries(t.delivery)) strings[`live.delivery.${key}`] = value;
  for (const [key, value] of Object.entries(t.skipped)) strings[`live.skipped.${key}`] = value;
  strings["live.internal"] = t.visibility.internal;
  strings["live.inThread"] = t.conversation.inThread;
  strings["live.replaceDraft"] = t.templatesPicker.replaceDraft;
  strings["live.schedule"] = t.later.schedule;
  strings["live.error.unknown_placeholder"] = t.templates.unknownPlaceholder("{placeholder}", knownPlaceholders());
  strings["live.error.message_too_long"] = t.errors.messageTooLong(MAX_BODY_LENGTH);
  strings["live.error.too_large"] = t.files.tooLarge;
  strings["live.error.empty_message"] = t.errors.messageEmpty;
  strings["live.alsoSentTo"] = t.conversation.alsoSentTo("{addresses}");
  strings["live.notePlaceholder"] = t.notes.placeholder;
  strings["live.noteSend"] = t.notes.send;
  strings["live.assigned"] = t.notes.saved;
  strings["live.more"] = t.notifications.more(Number.NaN).replace("NaN", "{n}");
  strings["live.mentionSuggestions"] = t.notes.suggestions;
  strings["live.collision"] = t.notes.collision("{name}");
  return strings;
}

// Script content is not entity-decoded, so the JSON goes in raw; escaping <, > and & as \u sequences keeps any
// "</script>" from closing the element early. Only our dictionary strings are serialised here, never user text.
function jsonForScript(value: unknown) {
  return raw(JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026"));
}
