// Cuts quoted history, attributions, signatures and mobile footers from a plain-text reply,
// working on the per-line labels from labels.ts (t text, e empty, q quote, a attribution,
// h header, d delimiter, f forward, w separator, s signature, m mobile footer).

import { Label, labelLine, labelLines, Marker } from "./labels";
import { isWeakHeader } from "./patterns";

export interface ExtractedReply {
  reply: string;
  /** Whether anything (other than blank lines) was cut. */
  trimmed: boolean;
}

const MARKER_CHARS = /\ue000/g;

/** CRLF, NBSP, zero-width and bidi marks (Outlook sprinkles LRM into dates), trailing blanks. */
export function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}

export interface ReplyOptions {
  /**
   * The email is a forward (its subject starts with "Fwd:", "FW:", "WG:" …). Outlook forwards
   * with the same "________" + "From:" block as it replies, so the first such block is taken
   * for the start of the forwarded message.
   */
  forwarded?: boolean;
}

/** Plain-text reply → the part the sender actually wrote. */
export function extractReply(text: string, options: ReplyOptions = {}): ExtractedReply {
  // Marker lines only come from our own HTML converter; never honour them in user text.
  return extractLines(normalize(text.replace(MARKER_CHARS, "")).split("\n"), options);
}

/** Same, for text produced by the HTML converter (which may contain marker lines). */
export function extractLines(lines: string[], { forwarded = false }: ReplyOptions = {}): ExtractedReply {
  const labels = labelLines(lines);
  const n = lines.length;
  const dropped = new Set<number>();
  const at = (i: number): Label | undefined => labels[i];
  const nextNonEmpty = (i: number, end = n): number => {
    while (i < end && at(i) === Label.Empty) i++;
    return i;
  };
  const runEnd = (i: number, set: string, end = n): number => {
    while (i < end && set.includes(at(i) ?? "")) i++;
    return i;
  };

  /** End (exclusive) of a block of ≥3 "From:/Sent:/To:" lines starting at i, or -1. */
  const headerBlockEnd = (i: number): number => {
    let count = 0;
    let weak = 0;
    let address = false;
    let last = -1;
    let wrapped = 0;
    for (let j = i; j < n; j++) {
      if (at(j) === Label.Header) {
        count++;
        last = j;
        wrapped = 0;
        address ||= /@/.test(lines[j] ?? "");
      } else if (at(j) === Label.Text && count > 0 && isWeakHeader(lines[j] ?? "")) {
        weak++; // Lithuanian "Kam:", Croatian "Prima:" (everyday words elsewhere, see patterns.ts)
        last = j;
        wrapped = 0;
      } else if (at(j) === Label.Text && count > 0 && /^[\s*]*(?:Do|До)[\s*]*:/iu.test(lines[j] ?? "")) {
        wrapped = 0; // Polish "Do:", Bulgarian "До:" (left out of the header names, see patterns.ts) inside a block
      } else if (at(j) === Label.Text && count > 0 && wrapped < 2) {
        wrapped++; // a long "To:" or "Subject:" value wrapped onto the next line
      } else break;
    }
    return count >= 3 || (count >= 2 && count + weak >= 3 && address) ? last + 1 : -1;
  };

  /** Does the text after the quote that follows an attribution answer it inline? */
  const answersInline = (i: number, bottomPoster: boolean): boolean => {
    let j = nextNonEmpty(runEnd(i, Label.Attribution));
    if (at(j) !== Label.Quote) return false;
    j = runEnd(j, "qe");
    let texts = 0;
    for (; j < n; j++) {
      const label = at(j);
      if (label === Label.Text) texts++;
      else if (label === Label.Quote)
        return texts > 0; // quote → text → quote: inline answers
      else if (label !== Label.Empty && label !== Label.Header) break;
    }
    // Someone who started below the quote keeps writing below quotes; for a top-poster the
    // few lines after the quote are a signature or a disclaimer.
    return bottomPoster && texts > 0;
  };

  if (forwarded && !labels.includes(Label.Forward)) {
    const first = labels.findIndex((l, i) => l === Label.Delimiter || (l === Label.Header && headerBlockEnd(i) > 0));
    if (first >= 0) labels[first] = Label.Forward;
  }

  // 1. History *above* the reply: bottom-posting ("On … wrote:" / "> …" / reply) and
  //    forwarded messages whose header block comes first.
  let start = 0;
  let bottomPoster = false;
  for (;;) {
    const i = nextNonEmpty(start);
    const label = at(i);
    if (label === Label.Mobile) {
      start = i + 1;
    } else if (label === Label.Attribution) {
      bottomPoster = true;
      start = runEnd(i, Label.Attribution);
      const quote = nextNonEmpty(start);
      const afterQuote = runEnd(quote, "qe");
      if (at(quote) === Label.Quote && at(afterQuote) === Label.Text && !answersInline(i, false)) start = afterQuote;
    } else if (label === Label.Delimiter || (label === Label.Separator && at(nextNonEmpty(i + 1)) !== Label.Text)) {
      start = i + 1;
    } else if (label === Label.Header && headerBlockEnd(i) > 0) {
      start = headerBlockEnd(i);
    } else break;
  }

  // 2. The first cut point below some text: everything from there on is history. A forwarded
  //    message is what the sender passes on ("posílám doporučení" + the reference): it stays
  //    whole, and a signature or footer above it does not end the reply.
  const forwardAt = labels.indexOf(Label.Forward, start);
  const beforeForward = (i: number) => forwardAt >= 0 && i < forwardAt;
  let end = n;
  let seenText = false;
  for (let i = start; i < n; i++) {
    const label = at(i);
    if (label === Label.Text) seenText = true;
    if (i === forwardAt) break;
    if (!seenText || (beforeForward(i) && "smw".includes(label ?? ""))) continue;
    if (label === Label.Attribution) {
      if (!answersInline(i, bottomPoster)) {
        end = i;
        break;
      }
      const after = runEnd(i, Label.Attribution);
      for (let j = i; j < after; j++) dropped.add(j);
      i = after - 1;
    } else if (label === Label.Delimiter || label === Label.Signature || label === Label.Mobile) {
      end = i;
      break;
    } else if (label === Label.Separator && at(nextNonEmpty(i + 1)) !== Label.Text) {
      end = i;
      break;
    } else if (label === Label.Header && headerBlockEnd(i) > 0) {
      end = i;
      break;
    }
  }

  // 3. Quotes left dangling at the end (iPhone's "> Dne … napsal(a):" block, Hotmail's "> From:").
  const keepsForward = forwardAt >= 0 && forwardAt < end;
  const hasText = (to: number) => labels.slice(start, to).some((l, k) => l === Label.Text && !dropped.has(start + k));
  if (hasText(end) && !keepsForward) {
    while (end > start && "qew".includes(at(end - 1) ?? "")) end--;
  }

  // Apple Mail's HTML puts a forward in <blockquote type=cite>: shown indented, not as a quote.
  let before = forwardAt - 1;
  while (before > 0 && at(before) === Label.Empty && lines[before] !== Marker.Quote) before--;
  // Email.cz and others put the forwarded body in a <blockquote> below the forward's header
  // block: a body that is one quote to the end is the forwarded text, shown without "> ".
  // Apple and Spark put it in <blockquote type=cite> (a marker line, then "> " lines).
  const isMarker = (i: number) => (lines[i] ?? "").startsWith("\ue000");
  const skipMarkers = (i: number) => {
    let j = nextNonEmpty(i, end);
    while (j < end && isMarker(j)) j = nextNonEmpty(j + 1, end);
    return j;
  };
  let body = keepsForward ? skipMarkers(forwardAt + 1) : end;
  if (headerBlockEnd(body) > 0) body = skipMarkers(headerBlockEnd(body));
  const quotedBody = body < end && at(body) === Label.Quote && labels.slice(body, end).every((l, k) => l === Label.Quote || l === Label.Empty || isMarker(body + k));
  const unquoteFrom = keepsForward && lines[before] === Marker.Quote ? forwardAt : quotedBody ? body : n;

  const kept: string[] = [];
  for (let i = start; i < end; i++) {
    const ownFooter = at(i) === Label.Mobile && (!keepsForward || i < forwardAt);
    if (dropped.has(i) || ownFooter || (lines[i] ?? "").startsWith("\ue000")) continue;
    kept.push(i >= unquoteFrom ? (lines[i] ?? "").replace(/^> ?/, "") : (lines[i] ?? ""));
  }
  const reply = tidy(kept);
  if (reply === "" || !hasSubstance(lines, labels, start, end)) return fallback(lines, labels);
  return { reply, trimmed: contentLines(reply) !== contentLines(tidy(lines.filter((l) => !l.startsWith("\ue000")))) };
}

/**
 * Nothing (of substance) survived the cut. If the message has something of substance
 * elsewhere, hand back the whole message rather than an empty reply; otherwise it is empty.
 */
function fallback(lines: string[], labels: Label[]): ExtractedReply {
  const whole = lines.filter((l) => !l.startsWith("\ue000"));
  if (hasSubstance(lines, labels, 0, lines.length)) return { reply: tidy(whole), trimmed: false };
  return { reply: "", trimmed: whole.some((l) => /\S/.test(l)) };
}

/** Text, or a quote that is more than nested attributions (a thread of "> On … wrote:" is spam). */
function hasSubstance(lines: string[], labels: Label[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (labels[i] === Label.Text) return true;
    if (labels[i] !== Label.Quote) continue;
    const inner = (lines[i] ?? "").replace(/^[\s>]+/, "");
    if (/[\p{L}\p{N}]/u.test(inner) && labelLine(inner) !== Label.Attribution) return true;
  }
  return false;
}

/** Trailing blanks off, runs of blank lines collapsed to one, blank lines at both ends removed. */
function tidy(lines: readonly string[]): string {
  return lines
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\s+$/g, "");
}

function contentLines(text: string): number {
  return text.split("\n").filter((l) => /\S/.test(l)).length;
}
