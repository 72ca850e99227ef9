import type { Context } from "hono";
import type { z } from "zod";
import { DomainError, MAX_BODY_LENGTH } from "../../conversations/errors";
import { checkUploads, type IncomingFile } from "../../conversations/files";
import { formParts } from "../uploads";
import type { PageText } from "../../i18n/pages";

/** The text fields of a urlencoded (or multipart) form; files and repeated keys beyond the first are ignored. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") fields[key] = value;
  return fields;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; invalid: Set<string> };

/**
 * Validates a form with the same zod schemas as the JSON API, but answers with the names of the invalid fields:
 * the page words each error in the reader's language next to its field, instead of zod's English.
 */
export function check<S extends z.ZodType>(schema: S, fields: Record<string, unknown>): Checked<z.output<S>> {
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, invalid: new Set(result.error.issues.map((issue) => String(issue.path[0] ?? ""))) };
}

/**
 * Where to go after signing in (or switching language): only a page of this site, so a crafted `?next=` cannot
 * send the visitor elsewhere. The value is resolved the way a browser would (which drops tabs and newlines and
 * reads "\\" as "/", so "/\t/evil.example" is "//evil.example") and kept only if it stays on APP_URL's origin;
 * what is returned is that resolved path, so the Location header says exactly what was checked.
 */
export function safeNext(next: string | undefined, appUrl: string, fallback = "/admin"): string {
  if (!next?.startsWith("/")) return fallback;
  const base = new URL(appUrl);
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  return url.origin === base.origin ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

/** A numeric path parameter, or null for anything else (which the page answers with 404). */
export function idParam(value: string | undefined): number | null {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** The two ways a message body is refused, worded for the send forms of both sides. */
export function bodyError(t: PageText, body: string): { error: string; status: 400 | 413 } {
  return body.length > MAX_BODY_LENGTH ? { error: t.errors.messageTooLong(MAX_BODY_LENGTH), status: 413 } : { error: t.errors.messageEmpty, status: 400 };
}

/**
 * A page form's text fields and checked files (multipart or not): what the API's messageParts does, with the
 * refusal worded for the page's reader instead of an error answer.
 */
export async function pageFormWithFiles(c: Context, t: PageText): Promise<{ fields: Record<string, string>; files: IncomingFile[]; fileError: string | null }> {
  const { fields, files } = await formParts(c);
  try {
    return { fields, files: checkUploads(files), fileError: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const filename = typeof error.details.filename === "string" ? error.details.filename : "";
    return { fields, files: [], fileError: error.code === "unsupported_file" ? t.files.unsupported(filename) : t.files.tooLarge };
  }
}
