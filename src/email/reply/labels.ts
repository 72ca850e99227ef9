// Gives every line of a reply a one-letter label, so the trimming rules in extract.ts can be
// written as readable patterns over a string such as "tetebeqqq" (after Discourse's
// email_reply_trimmer).

import {
  isAttribution,
  isForwardMarker,
  isHeader,
  isMobileFooter,
  isNameWrote,
  mayBeAttribution,
  endsWithAddress,
  isOriginalMessageMarker,
  isQuote,
  isSeparatorLine,
  isSignatureDelimiter,
  mayStartAttribution,
  startsLikeAttribution,
} from "./patterns";

export const Label = {
  Text: "t",
  Empty: "e",
  Quote: "q",
  Attribution: "a", // "On … wrote:", "Dne … napsal(a):" (also an HTML quote container)
  Header: "h", // "From: …", "Od: …", "Předmět: …"
  Delimiter: "d", // "-----Original Message-----", "______", Outlook's reply header in HTML
  Forward: "f", // "---------- Forwarded message ---------", "Begin forwarded message:": content, not history
  Separator: "w", // "-----", "=====": a cut only if history follows (else Markdown)
  Signature: "s", // "-- "
  Mobile: "m", // "Sent from my iPhone", "Odesláno z iPhonu"
} as const;
export type Label = (typeof Label)[keyof typeof Label];

/**
 * Marker lines that the HTML converter inserts where a client's quote container starts. They
 * use a private-use character so they can never collide with real text.
 */
export const Marker = {
  Quote: "\ue000quote", // div.gmail_quote, blockquote[type=cite], .moz-cite-prefix, .yahoo_quoted …
  History: "\ue000history", // #divRplyFwdMsg, #appendonsend, hr#stopSpelling …: Outlook-style history
  Maybe: "\ue000maybe", // <hr>, div with border-top: history only if a header block follows
} as const;

/** Labels one line on its own (no context). */
export function labelLine(line: string): Label {
  if (line === Marker.Quote) return Label.Attribution;
  if (line === Marker.History) return Label.Delimiter;
  if (!/\S/.test(line) || line === Marker.Maybe) return Label.Empty;
  if (isQuote(line)) return Label.Quote;
  if (isSignatureDelimiter(line)) return Label.Signature;
  if (isOriginalMessageMarker(line)) return Label.Delimiter;
  if (isForwardMarker(line)) return Label.Forward;
  if (isSeparatorLine(line)) return Label.Separator;
  if (isMobileFooter(line)) return Label.Mobile;
  if (isAttribution(line)) return Label.Attribution;
  if (isHeader(line)) return Label.Header;
  return Label.Text;
}

const MAX_WRAPPED = 4; // an attribution wrapped over at most 5 lines ("<", "mailto:…", "> wrote:")

/**
 * Labels all lines. Beyond labelLine it (1) keeps fenced code blocks as text, (2) recognises
 * attributions that the client wrapped over several lines, (3) resolves HTML "maybe" markers.
 */
export function labelLines(lines: readonly string[]): Label[] {
  const labels: Label[] = [];
  let inCode = false;
  for (const line of lines) {
    const fence = /^\s*(```|~~~)/.test(line);
    if (inCode || fence) labels.push(/\S/.test(line) ? Label.Text : Label.Empty);
    else labels.push(labelLine(line));
    if (fence) inCode = !inCode;
  }

  // A quoted line that the sender's client re-wrapped without its "> " is still quote.
  for (let i = 1; i + 1 < lines.length; i++) {
    if (labels[i] === Label.Text && labels[i - 1] === Label.Quote && labels[i + 1] === Label.Quote && /^\p{Ll}/u.test(lines[i] ?? "")) {
      labels[i] = Label.Quote;
    }
  }

  for (let i = 0; i < lines.length; i++) {
    if (labels[i] === Label.Attribution) {
      // "… Martina <jobs@example.cz>" already matches; a short "wrote:" below belongs to it.
      if (continuesAttribution(lines, labels, [lines[i] ?? ""], i + 1)) labels[++i] = Label.Attribution;
      continue;
    }
    const end = wrappedAttributionEnd(lines, labels, i);
    if (end > i) {
      for (let j = i; j <= end; j++) labels[j] = Label.Attribution;
      i = end;
    }
  }

  // "Martina Veselá napsal(a):" above a quote that opens the message (bottom-posting) or runs
  // to its end (top-posting) is Thunderbird's dateless attribution; so is a line in a language no
  // list knows that ends with a colon and names the writer's address and a time (possibly wrapped over 3 lines).
  const lastText = labels.lastIndexOf(Label.Text);
  for (let i = 0; i < lines.length; i++) {
    if (labels[i] !== Label.Text) continue;
    let end = nextNonEmpty(labels, i);
    if (labels[end] !== Label.Quote) continue;
    const first = isNameWrote(lines[i] ?? "") ? i : unknownAttributionStart(lines, labels, i);
    if (first < 0) continue;
    while (end < lines.length && (labels[end] === Label.Quote || labels[end] === Label.Empty)) end++;
    if (previousNonEmpty(labels, first) < 0 || lastText < end) for (let j = first; j <= i; j++) labels[j] = Label.Attribution;
  }

  // Apple Mail quotes what it forwards: "> Begin forwarded message:" opening a quote is a forward.
  for (let i = 0; i < lines.length; i++) {
    const opensQuote = labels[i] === Label.Quote && labels[previousNonEmpty(labels, i)] !== Label.Quote;
    if (opensQuote && isForwardMarker((lines[i] ?? "").replace(/^[\s>]+/, ""))) labels[i] = Label.Forward;
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line !== Marker.Maybe && line !== Marker.Quote && line !== Marker.History) continue;
    const next = labels[nextNonEmpty(labels, i)];
    // Gmail wraps a forward in the same div.gmail_quote as a reply's history: the forward wins.
    if (next === Label.Forward) labels[i] = Label.Empty;
    // Outlook's <hr>/border-top line is only history when a "From:/Od:" block follows.
    else if (line === Marker.Maybe && (next === Label.Header || next === Label.Delimiter)) labels[i] = Label.Delimiter;
  }
  return labels;
}

/** Where an attribution of an unknown language that ends at lines[i] starts (its client may have wrapped it), or -1. */
function unknownAttributionStart(lines: readonly string[], labels: readonly Label[], i: number): number {
  // Up to two lines above it may belong to it: non-empty text, the first one opening like an attribution.
  let top = i;
  while (top > Math.max(0, i - 2) && labels[top - 1] === Label.Text && /\S/.test(lines[top - 1] ?? "")) top--;
  // The shortest that says enough: a line of prose above an attribution stays prose.
  for (let first = i; first >= top; first--) {
    if (first < i && !mayStartAttribution(lines[first] ?? "")) continue;
    if (mayBeAttribution(joinWrapped(lines.slice(first, i + 1).map((l) => l.trim())))) return first;
  }
  return -1;
}

function nextNonEmpty(labels: readonly Label[], i: number): number {
  let j = i + 1;
  while (j < labels.length && labels[j] === Label.Empty) j++;
  return j;
}

function previousNonEmpty(labels: readonly Label[], i: number): number {
  let j = i - 1;
  while (j >= 0 && labels[j] === Label.Empty) j--;
  return j;
}

/**
 * If lines[i] starts an attribution wrapped over the following lines (Gmail wraps at 78
 * columns: "On Tue, … Martina <" / "jobs@example.cz> wrote:"), returns the index of its
 * last line, else -1.
 */
function wrappedAttributionEnd(lines: readonly string[], labels: readonly Label[], i: number): number {
  const first = lines[i] ?? "";
  if (labels[i] !== Label.Text || !mayStartAttribution(first)) return -1;
  const parts = [first.trim()];
  for (let j = i + 1; j < lines.length && j <= i + MAX_WRAPPED; j++) {
    const label = labels[j];
    const line = (lines[j] ?? "").trim();
    if (!"tqea".includes(label ?? "") || line.length > 200) return -1;
    if (line === "") continue;
    parts.push(line);
    if (!isAttribution(joinWrapped(parts))) continue;
    // "Call me at 777 123 456" + "On … wrote:": the tail is an attribution by itself, so the
    // first line is prose. A tail that starts mid-sentence ("jobs@x.cz> napsal:") is not, and
    // neither is one below a line that opens like an attribution ("On Nov 21, 2014,").
    // A first line that ends in an address in brackets ("Jana <jana@x.cz>, 1 Ara") right above the tail, which does
    // not open like an attribution itself ("2026 Sal, 10:00 … yazdı:"), is that attribution's own start.
    const ownStart = parts.length === 2 && j === i + 1 && endsWithAddress(first) && !startsLikeAttribution(parts[1] ?? "");
    if (!startsLikeAttribution(first) && !ownStart) {
      for (let k = 1; k < parts.length; k++) {
        if (/^[\p{Lu}\p{N}]/u.test(parts[k] ?? "") && isAttribution(joinWrapped(parts.slice(k)))) return -1;
      }
    }
    return continuesAttribution(lines, labels, parts, j + 1) ? j + 1 : j;
  }
  return -1;
}

/** Is lines[next] a short tail ("wrote:") of the attribution made of `parts`? */
function continuesAttribution(lines: readonly string[], labels: readonly Label[], parts: readonly string[], next: number): boolean {
  const line = (lines[next] ?? "").trim();
  return labels[next] === Label.Text && line.length > 0 && line.length <= 20 && isAttribution(joinWrapped([...parts, line]));
}

/** Re-joins wrapped lines; no space inside "<…>" so the address stays recognisable. */
function joinWrapped(parts: readonly string[]): string {
  return parts.reduce((acc, part) => (acc.endsWith("<") || part.startsWith(">") ? acc + part : `${acc} ${part}`));
}

/** The label string, handy for debugging and for the unit tests. */
export function labelString(text: string): string {
  return labelLines(text.split("\n")).join("");
}
