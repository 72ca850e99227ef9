/**
 * Renders an email, described once as a list of blocks, both as plain text and as HTML, so the
 * two alternatives always say the same thing. Every piece of user text goes through `escape` on
 * the HTML side: a phrase is a function of the escaper, called with identity for text.
 */

/** A sentence with user values in it: called with how to write those values. */
export type Phrase = (value: (userText: string) => string) => string;

export type Block =
  | { kind: "paragraph"; text: Phrase }
  /** A message body (plain text, any length) under a line saying who wrote it. */
  | { kind: "message"; heading: Phrase; body: string }
  | { kind: "link"; label: Phrase; url: string }
  /** Earlier messages, quoted with ">" in text so reply trimmers treat them as history. */
  | { kind: "history"; heading: Phrase; entries: { heading: Phrase; body: string }[] }
  | { kind: "footnote"; text: Phrase }
  /** A message's files, each a download link (the files themselves stay out of the email). */
  | { kind: "files"; heading: Phrase; files: { filename: string; url: string; size: number }[] };

/** A phrase without user values. */
export const fixed =
  (text: string): Phrase =>
  () =>
    text;

const asIs = (text: string) => text;

export function renderText(blocks: Block[]): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case "paragraph":
      case "footnote":
        return block.text(asIs);
      case "message":
        return `${block.heading(asIs)}\n\n${block.body}`;
      case "link":
        return `${block.label(asIs)}\n${block.url}`;
      case "history":
        return [block.heading(asIs), ...block.entries.map((e) => quote(`${e.heading(asIs)}\n${e.body}`))].join("\n\n");
      case "files":
        return [block.heading(asIs), ...block.files.map((f) => `- ${f.filename} (${fileSize(f.size)})\n  ${f.url}`)].join("\n");
    }
  });
  return `${parts.join("\n\n")}\n`;
}

export function renderHtml(blocks: Block[], lang: string): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case "paragraph":
        return `<p>${block.text(escapeHtml)}</p>`;
      case "footnote":
        return `<p style="color:#6b7280;font-size:12px">${block.text(escapeHtml)}</p>`;
      case "message":
        return `<p><strong>${block.heading(escapeHtml)}</strong></p>\n${bodyHtml(block.body, "padding:8px 12px;border-left:3px solid #2563eb")}`;
      case "link":
        return `<p>${block.label(escapeHtml)}<br><a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
      case "history":
        return [
          `<p style="color:#6b7280">${block.heading(escapeHtml)}</p>`,
          ...block.entries.map(
            (e) =>
              `<blockquote style="margin:0 0 12px;padding-left:12px;border-left:3px solid #d1d5db;color:#4b5563">` +
              `<p style="margin:0 0 4px"><strong>${e.heading(escapeHtml)}</strong></p>${bodyHtml(e.body, "")}</blockquote>`,
          ),
        ].join("\n");
      case "files":
        return `<p>${block.heading(escapeHtml)}</p>\n<ul>${block.files.map((f) => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(f.filename)}</a> (${fileSize(f.size)})</li>`).join("")}</ul>`;
    }
  });
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head>`,
    `<body style="font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;font-size:15px;line-height:1.5;color:#111827">`,
    ...parts,
    "</body></html>",
    "",
  ].join("\n");
}

/** "2.4 MB", "830 kB": the size a reader judges a download by. */
export function fileSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain-text bodies keep their line breaks in HTML without being interpreted as markup. */
function bodyHtml(body: string, style: string): string {
  return `<div style="white-space:pre-wrap;${style}">${escapeHtml(body)}</div>`;
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}
