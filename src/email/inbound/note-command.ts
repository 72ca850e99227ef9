/**
 * `#note` (or `#poznámka`) as the first line of the team's emailed reply: the rest is an internal note. Pure.
 * The tag may stand alone on its line or start it ("#note call her tomorrow"); case and accents don't matter,
 * and a colon after it is allowed ("#Note: …").
 */
const NOTE_TAG = /^\s*#(?:note|pozn[aá]mka)(?![\p{L}\p{N}_])[ \t]*:?[ \t]*/iu;

/** The note's text without the tag, or null when the reply does not start with it. */
export function noteCommand(body: string): string | null {
  const text = body.replace(/^\s*\n/, "");
  const match = NOTE_TAG.exec(text.normalize("NFC"));
  return match ? text.normalize("NFC").slice(match[0].length).trim() : null;
}
