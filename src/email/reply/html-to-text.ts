// A small, tolerant, synchronous HTML → text converter. workerd has no DOM and HTMLRewriter is
// streaming/async; mail HTML is small, so a single pass over a hand-rolled tokenizer is enough.

import { decodeEntities } from "./entities";
import { Marker } from "./labels";

/** Elements whose content is never shown. */
const SKIPPED = new Set(["script", "style", "title", "head", "template", "noscript", "xml", "textarea", "object", "svg", "math"]);
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "html",
  "legend",
  "main",
  "nav",
  "section",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
]);
const PARAGRAPHS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6"]);

type Attributes = Map<string, string>;

const MARKER_STRENGTH: string[] = [Marker.Maybe, Marker.Quote, Marker.History];

interface Line {
  text: string;
  depth: number; // <blockquote> nesting, rendered as "> " prefixes
}

/** Accumulates lines; block elements end the current line, <br> always does. */
class TextWriter {
  readonly lines: Line[] = [];
  private cur = "";
  private curDepth = 0;
  private blankBefore = false;
  private contentLines = 0; // non-blank lines so far
  private markerAfter = -1; // contentLines when the last marker was written
  private markerIndex = -1;
  depth = 0;
  pre = 0;

  private hasContent(): boolean {
    return /[^ \t\n\r\f]/.test(this.cur); // NBSP counts: Outlook's <p>&nbsp;</p> is a blank line
  }

  text(raw: string): void {
    if (this.pre > 0) {
      const parts = raw.split(/\r?\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.br();
        if (part) this.append(part);
      });
      return;
    }
    let chunk = raw.replace(/[ \t\n\r\f]+/g, " ");
    if (!this.hasContent() || this.cur.endsWith(" ")) chunk = chunk.replace(/^ +/, "");
    if (chunk) this.append(chunk);
  }

  /** Appends without whitespace collapsing (list bullets and their indentation). */
  prefix(chunk: string): void {
    this.append(chunk);
  }

  private append(chunk: string): void {
    if (!this.hasContent()) {
      if (this.blankBefore && /[^ \t\n\r\f]/.test(chunk)) this.blankLine();
      this.curDepth = this.depth;
    }
    if (/[^ \t\n\r\f]/.test(chunk)) this.blankBefore = false;
    this.cur += chunk;
  }

  br(): void {
    if (this.hasContent()) this.contentLines++;
    this.lines.push({ text: this.cur, depth: this.hasContent() ? this.curDepth : this.depth });
    this.cur = "";
  }

  /** Ends the current line if it has anything on it (a block boundary). */
  block(): void {
    if (this.hasContent()) this.br();
    else this.cur = "";
  }

  /** A paragraph boundary: like block(), plus a blank line before the next content. */
  paragraph(): void {
    this.block();
    this.blankBefore = true;
  }

  private blankLine(): void {
    const last = this.lines[this.lines.length - 1];
    // The gap between a paragraph and a following quote belongs to neither: no "> " on it.
    if (last && last.text.trim() !== "") this.lines.push({ text: "", depth: Math.min(this.depth, last.depth) });
  }

  marker(marker: string): void {
    this.block();
    // Nested or adjacent containers (div.gmail_quote > blockquote.gmail_quote, <hr> before
    // #divRplyFwdMsg): one marker is enough, the strongest one.
    const last = this.lines[this.markerIndex];
    if (last && this.markerAfter === this.contentLines) {
      if (MARKER_STRENGTH.indexOf(marker) > MARKER_STRENGTH.indexOf(last.text)) last.text = marker;
      return;
    }
    this.markerIndex = this.lines.push({ text: marker, depth: 0 }) - 1;
    this.markerAfter = this.contentLines;
  }

  finish(): string {
    this.block();
    return this.lines.map(({ text, depth }) => (depth > 0 ? `${"> ".repeat(depth)}${text}` : text).trimEnd()).join("\n");
  }
}

function classList(attrs: Attributes): string[] {
  return (attrs.get("class") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

/** Which quote marker (if any) an opening tag stands for, per mail client. */
function markerFor(name: string, attrs: Attributes): string | undefined {
  const id = (attrs.get("id") ?? "").toLowerCase().replace(/^(x_)+/, ""); // forwarded HTML gets "x_" prefixes
  const classes = classList(attrs).map((c) => c.replace(/^(x_)+/, ""));
  // Outlook / OWA / Hotmail / Zimbra: the history below is not inside a blockquote.
  if (["divrplyfwdmsg", "appendonsend", "stopspelling", "zwchr", "mail-editor-reference-message-container"].includes(id)) {
    return Marker.History;
  }
  if (classes.includes("outlookmessageheader") || classes.includes("ms-outlook-mobile-reference-message")) return Marker.History;
  // Gmail, Thunderbird, Yahoo/AOL, Proton, Apple Mail: a container around attribution + quote.
  const quoteClasses = ["gmail_quote", "gmail_quote_container", "gmail_attr", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote", "zmail_extra"];
  if (classes.some((c) => quoteClasses.includes(c)) || id.startsWith("yahoo_quoted")) return Marker.Quote;
  if (name === "blockquote" && (attrs.get("type") ?? "").toLowerCase() === "cite") return Marker.Quote;
  // Outlook desktop: <hr> or a div with a top border above the "From:" block.
  if (name === "hr") return Marker.Maybe;
  if ((name === "div" || name === "p") && /border-top(?:-style)?\s*:[^;]*solid/i.test(attrs.get("style") ?? "")) return Marker.Maybe;
  return undefined;
}

function parseAttributes(source: string): Attributes {
  const attrs: Attributes = new Map();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

/** Index just after the '>' that closes a tag opened at `from`, honouring quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote = "";
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      // Only a quote that starts an attribute value opens a quoted section (tolerates "don't").
      if (/=\s*$/.test(html.slice(Math.max(from, i - 8), i))) quote = c;
    } else if (c === ">") return i + 1;
  }
  return html.length;
}

interface ListState {
  ordered: boolean;
  count: number;
}

/** Open lists and paragraphs; kept loose because mail HTML rarely nests them properly. */
interface Context {
  lists: ListState[];
  compactParagraphs: boolean[]; // true for Outlook's MsoNormal <p>
  markers: boolean;
}

/**
 * Converts HTML to text. With `markers`, quote containers of known clients become marker
 * lines that extractReplyFromHtml uses as cut points.
 */
export function convertHtml(html: string, markers: boolean): string {
  const out = new TextWriter();
  const ctx: Context = { lists: [], compactParagraphs: [], markers };
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf("<", pos);
    if (lt < 0) {
      out.text(decodeEntities(html.slice(pos)));
      break;
    }
    if (lt > pos) out.text(decodeEntities(html.slice(pos, lt)));
    pos = lt;

    if (html.startsWith("<!--", pos)) {
      const close = html.indexOf("-->", pos + 4);
      pos = close < 0 ? html.length : close + 3;
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(pos, pos + 64));
    if (!tag) {
      if (/^<[!?]/.test(html.slice(pos, pos + 2))) {
        pos = tagEnd(html, pos); // <!DOCTYPE>, <?xml?>, <![endif]>
      } else {
        out.text("<"); // a literal "<" in text
        pos++;
      }
      continue;
    }
    const closing = tag[1] === "/";
    const name = (tag[2] ?? "").toLowerCase();
    const end = tagEnd(html, pos + tag[0].length);
    const attrSource = html.slice(pos + tag[0].length, end - 1);
    pos = end;

    if (!closing && SKIPPED.has(name)) {
      if (attrSource.trimEnd().endsWith("/")) continue;
      // Skip to the matching end tag; <head> may hold a <style> etc., its end tag is what counts.
      const closeRe = new RegExp(`</${name}\\b`, "gi");
      closeRe.lastIndex = pos;
      const closeAt = closeRe.exec(html)?.index ?? -1;
      pos = closeAt < 0 ? (name === "head" ? pos : html.length) : tagEnd(html, closeAt);
      continue;
    }
    if (closing) closeTag(name, out, ctx);
    else openTag(name, parseAttributes(attrSource), out, ctx);
  }
  return out.finish();
}

function openTag(name: string, attrs: Attributes, out: TextWriter, ctx: Context): void {
  const { lists } = ctx;
  const marker = ctx.markers && out.depth === 0 ? markerFor(name, attrs) : undefined;
  if (marker) out.marker(marker);
  if (name === "br") out.br();
  else if (name === "hr") out.paragraph();
  else if (name === "blockquote") {
    out.paragraph();
    out.depth++;
  } else if (name === "pre") {
    out.block();
    out.pre++;
  } else if (name === "ul" || name === "ol") {
    out.block();
    lists.push({ ordered: name === "ol", count: 0 });
  } else if (name === "li") {
    out.block();
    const list = lists[lists.length - 1];
    if (list) list.count++;
    out.prefix(`${"  ".repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${list.count}. ` : "- "}`);
  } else if (name === "td" || name === "th") out.text(" ");
  else if (PARAGRAPHS.has(name)) {
    // Outlook's MsoNormal paragraphs are single lines (margin:0); real <p>s are spaced.
    const compact = classList(attrs).includes("msonormal");
    ctx.compactParagraphs.push(compact);
    if (compact) out.block();
    else out.paragraph();
  } else if (BLOCKS.has(name)) out.block();
}

function closeTag(name: string, out: TextWriter, ctx: Context): void {
  const { lists } = ctx;
  if (name === "blockquote") {
    out.paragraph();
    out.depth = Math.max(0, out.depth - 1);
  } else if (name === "pre") {
    out.block();
    out.pre = Math.max(0, out.pre - 1);
  } else if (name === "ul" || name === "ol") {
    out.block();
    lists.pop();
  } else if (name === "li") out.block();
  else if (PARAGRAPHS.has(name)) {
    if (ctx.compactParagraphs.pop()) out.block();
    else out.paragraph();
  } else if (BLOCKS.has(name)) out.block();
}

/** HTML body → readable plain text (blank-line runs collapsed). */
export function htmlToText(html: string): string {
  return convertHtml(html, false)
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\s+$/g, "");
}
