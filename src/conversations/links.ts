/**
 * Splits a message body into text and web links, for pages and the live client to show links as links. Only
 * http(s) addresses become links; trailing punctuation (a sentence's full stop, a closing bracket without its
 * opening one) stays text. Pure, so the server and the browser bundle share it.
 */
export type BodyPart = { text: string; href?: string };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;

export function linkParts(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let at = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const url = trimTrailing(match[0]);
    const start = match.index;
    if (start > at) parts.push({ text: body.slice(at, start) });
    parts.push({ text: url, href: url });
    at = start + url.length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1]!;
    if (".,;:!?".includes(last)) end--;
    else if (last === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else break;
  }
  return url.slice(0, end);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
