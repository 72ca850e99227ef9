/**
 * Files that come with a message, from the web (an upload) or an email (an attachment): checked here, stored in
 * R2 before the message's batch, and removed again when that batch writes nothing (so no object is left that no
 * row names; an email's raw MIME still holds its files).
 */
import type { Env } from "../env";
import { DomainError } from "./errors";
import type { NewAttachment } from "./post-message";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_MESSAGE_FILES_BYTES = 25 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 20;
const MAX_FILENAME_CHARS = 120;

export interface IncomingFile {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * An upload's files, refused as a whole when one is too large, they are too large together, or one is a program
 * or a web page (judged by its bytes as well as its name: a renamed .exe is still refused). The stored type is
 * what the bytes are, when they say so; else what the browser declared.
 */
export function checkUploads(files: IncomingFile[]): IncomingFile[] {
  if (files.length > MAX_FILES_PER_MESSAGE) throw new DomainError("too_large", `A message may have at most ${MAX_FILES_PER_MESSAGE} files.`);
  let total = 0;
  for (const file of files) {
    if (file.content.byteLength > MAX_FILE_BYTES) throw new DomainError("too_large", `“${file.filename}” is larger than 10 MB.`, { filename: file.filename });
    total += file.content.byteLength;
  }
  if (total > MAX_MESSAGE_FILES_BYTES) throw new DomainError("too_large", "The files of one message may have at most 25 MB together.");
  return files.map((file) => {
    if (isProgramOrPage(file))
      throw new DomainError("unsupported_file", `“${file.filename}” is a program or a web page, which cannot be sent. Send a PDF, a document or an image.`, {
        filename: file.filename,
      });
    return { ...file, filename: safeFilename(file.filename, file.contentType), contentType: sniffedType(file.content) ?? safeContentType(file.contentType) };
  });
}

/**
 * Stores the files, runs the write that refers to them, and removes them again if that write fails. Files
 * stored earlier (a scheduled message's) are passed through and left alone: their own row still names them.
 */
export async function withStoredFiles<T>(env: Env, files: (IncomingFile | NewAttachment)[], write: (attachments: NewAttachment[]) => Promise<T>): Promise<T> {
  const uploaded: NewAttachment[] = [];
  const stored = await Promise.all(
    files.map(async (file) => {
      if ("r2Key" in file) return file;
      const r2Key = `attachments/${crypto.randomUUID()}`;
      await env.FILES.put(r2Key, file.content, { httpMetadata: { contentType: file.contentType }, customMetadata: { filename: encodeURIComponent(file.filename) } });
      const attachment = { filename: file.filename, contentType: file.contentType, size: file.content.byteLength, r2Key };
      uploaded.push(attachment);
      return attachment;
    }),
  );
  try {
    return await write(stored);
  } catch (error) {
    await Promise.allSettled(uploaded.map((f) => env.FILES.delete(f.r2Key)));
    throw error;
  }
}

// Names a browser or an OS would run or render as a page.
const PROGRAM_OR_PAGE_NAME =
  /\.(exe|com|scr|pif|msi|msp|bat|cmd|ps1|psm1|vbs|vbe|js|jse|mjs|wsf|wsh|hta|cpl|jar|app|dmg|pkg|deb|rpm|apk|sh|bash|zsh|csh|run|bin|elf|dll|so|dylib|lnk|reg|html?|xhtml|shtml|mht|mhtml|svg|svgz|xml|php|asp|aspx|jsp)$/i;
const PROGRAM_OR_PAGE_TYPE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|application\/(x-)?(msdownload|msdos-program|executable|sh|elf|mach-binary|java-archive|javascript)|text\/javascript)/i;

function isProgramOrPage(file: IncomingFile): boolean {
  if (PROGRAM_OR_PAGE_NAME.test(file.filename.trim()) || PROGRAM_OR_PAGE_TYPE.test(file.contentType)) return true;
  const b = file.content;
  const starts = (...bytes: number[]) => bytes.every((byte, i) => b[i] === byte);
  // Windows PE ("MZ"), ELF, Mach-O (both byte orders, and fat binaries), and scripts with a "#!" line.
  if (
    starts(0x4d, 0x5a) ||
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0xcf, 0xfa, 0xed, 0xfe) ||
    starts(0xfe, 0xed, 0xfa, 0xcf) ||
    starts(0xca, 0xfe, 0xba, 0xbe) ||
    starts(0x23, 0x21)
  ) {
    return true;
  }
  // A page, whatever it is called: what a browser would sniff as HTML or SVG in its first bytes.
  const head = new TextDecoder()
    .decode(b.subarray(0, 512))
    .replace(/^\ufeff/, "")
    .trimStart()
    .toLowerCase();
  return /^<(!doctype\s+html|html|head|body|script|iframe|svg|\?xml)[\s>/]/.test(head);
}

/** What the first bytes say the file is, for the common types of a job application. */
function sniffedType(b: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => b[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "image/webp";
  return null;
}

/** A name safe to store and to put in Content-Disposition: no path, no control or bidi characters, bounded. */
export function safeFilename(name: string | null | undefined, mimeType = ""): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\t\r\n]+/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const fallback = `attachment${/^image\/(png|jpeg|gif|webp)$/i.test(mimeType) ? `.${mimeType.split("/")[1]!.toLowerCase()}` : ""}`;
  const chars = Array.from(cleaned || fallback);
  if (chars.length <= MAX_FILENAME_CHARS) return chars.join("");
  // Keep the extension: it is what tells the downloader's OS how to open the file.
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return (
    chars
      .slice(0, MAX_FILENAME_CHARS - Array.from(extension).length)
      .join("")
      .trimEnd() + extension
  );
}

/** The declared type if it looks like one, else a neutral binary type; downloads decide separately what is safe. */
export function safeContentType(mimeType: string): string {
  const type = mimeType.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9.+-]{0,63}\/[a-z0-9][a-z0-9.+-]{0,126}$/.test(type) ? type : "application/octet-stream";
}
