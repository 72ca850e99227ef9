/**
 * What text the product accepts, normalised once where it enters (web forms, the JSON API, email), so that
 * what is stored, shown and put into email headers is the same thing.
 */

// Bidi embedding/override/isolate controls can make a name or message display as something else; nobody types them.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// C0 and C1 controls other than tab and line feed (NUL, ESC, BEL, a lone CR…).
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Any control at all, and the line/paragraph separators: a one-line value (a name, a title) has none.
const CONTROLS_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// Characters that show nothing: format characters (zero-width space/joiner, word joiner, LRM/RLM, BOM, …),
// Hangul fillers and the blank Braille pattern. A text made only of these (and spaces) is empty.
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800\s]/gu;

/** A multi-line text (a message, a cover letter, a description): LF line ends, no stray controls or bidi overrides. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROLS_IN_TEXT, "").replace(BIDI_CONTROLS, "").normalize("NFC");
}

/** A one-line value (a person's or company's name, a job title): controls become spaces, runs of space one, trimmed. */
export function cleanLine(text: string): string {
  return text.replace(CONTROLS_IN_LINE, " ").replace(BIDI_CONTROLS, "").normalize("NFC").replace(/\s+/g, " ").trim();
}

/** True when nothing in the text would show: only spaces, format characters and fillers. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, "").length === 0;
}
