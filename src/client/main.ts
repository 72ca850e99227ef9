/**
 * Browser client: progressively enhances the server-rendered pages (they work without it). Built by
 * `node scripts/build-client.mjs` into public/client.js; include it with `<script src="/client.js" defer>`.
 * Everything is configured by the page; this is the contract the page templates render:
 *
 * Conversation (admin `/admin/applications/12`, candidate `/c/{token}`):
 *   <section data-live-conversation="/api/applications/12/live"      (candidate: /api/c/{token}/live)
 *            data-messages-url="/api/applications/12/messages"       (catch-up: GET ?after=<id>, oldest first)
 *            data-send-url="/api/applications/12/messages"           (POST JSON {body} → 201 {message})
 *            data-role="admin"                                       ("admin" | "candidate")
 *            data-self-admin-id="3"                                  (admin pages: whose messages/read marks are "mine")
 *            data-last-message-id="57"                               (optional; else taken from the list)
 *            data-attachment-url="/api/applications/12/attachments/{id}"  (optional)
 *            data-page-size="100"                                    (optional; the API's page size)
 *            data-status="active">                                   (kept current: "active" | "rejected")
 *     <ol data-messages> <li data-message-id="57" …> … </li> </ol>   (markup: see renderMessage in render.ts)
 *     <span data-typing hidden></span>  <span data-seen hidden></span>  <span data-live-status hidden></span>
 *     <form data-send-form method="post" action="/admin/applications/12/messages">
 *       <textarea name="body"></textarea> <p data-send-error hidden role="alert"></p> <button>…</button>
 *     </form>
 *   </section>
 *
 * Company-wide (every admin page):
 *   <body data-live-company="/api/live" data-notifications-url="/api/notifications"
 *         data-application-url="/admin/applications/{id}">
 *   badges `[data-unread-total]`, `[data-unread-for-application="12"]` (number as text; hidden at 0),
 *   the list `<ul data-notifications>` (items: see prependNotification in company.ts),
 *   inbox rows `[data-application-row="12"]` (moved to the top on activity) with `[data-candidate-name]` inside.
 *
 * Strings, from `<script type="application/json" id="i18n">` (placeholders in braces):
 *   live.typing {name} · live.seen {names} · live.reconnecting · live.sendFailed · live.notification {name} ·
 *   live.channel.web · live.channel.email · live.delivery.pending · live.delivery.sent · live.delivery.failed
 */
import { enhanceAssignee } from "./assignee";
import { enhanceBulkForm, enhanceBulkSelect } from "./bulk";
import { startCompany } from "./company";
import { startConversation } from "./conversation";
import { enhanceDropZone } from "./drop-zone";

function start(): void {
  document.querySelectorAll<HTMLElement>("[data-live-conversation]").forEach(startConversation);
  document.querySelectorAll<HTMLElement>("[data-live-company]").forEach(startCompany);
  document.querySelectorAll<HTMLElement>("[data-drop-zone]").forEach(enhanceDropZone);
  document.querySelectorAll<HTMLFormElement>("form[data-bulk-select]").forEach(enhanceBulkSelect);
  document.querySelectorAll<HTMLFormElement>("form[data-bulk-form]").forEach(enhanceBulkForm);
  document.querySelectorAll<HTMLFormElement>("form[data-assignee-form]").forEach((form) => enhanceAssignee(form, form.dataset.assigneeForm ?? ""));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
