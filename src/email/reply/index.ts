// Reply extraction for inbound email: keep what the sender wrote, drop quoted history,
// attributions, signatures and mobile footers. Pure and synchronous. See docs/REPLY_STRIPPING.md.

import { extractLines, normalize, type ExtractedReply, type ReplyOptions } from "./extract";
import { convertHtml } from "./html-to-text";

export type { ExtractedReply, ReplyOptions } from "./extract";
export { extractReply } from "./extract";
export { flowedPlainText } from "./flowed";
export { isForwardSubject } from "./patterns";
export { htmlToText } from "./html-to-text";

/**
 * HTML reply → reply text. Quote containers of known clients (Gmail's div.gmail_quote,
 * Outlook's #divRplyFwdMsg / border-top "From:" block, Thunderbird's .moz-cite-prefix,
 * Yahoo's .yahoo_quoted, Apple's blockquote[type=cite] …) become cut markers while converting;
 * the plain-text rules then do the rest.
 */
export function extractReplyFromHtml(html: string, options: ReplyOptions = {}): ExtractedReply {
  return extractLines(normalize(convertHtml(html.replace(/\ue000/g, ""), true)).split("\n"), options);
}
