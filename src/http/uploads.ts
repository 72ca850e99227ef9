/**
 * Requests that carry a message: JSON as always, or multipart/form-data with the same fields plus any number of
 * `files` parts (CONTRACT.md "Files on the web"). One reader for the API and the plain forms of the pages.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { checkUploads, MAX_MESSAGE_FILES_BYTES, type IncomingFile } from "../conversations/files";
import { invalidInput, jsonError } from "./errors";
import type { AppContext } from "./types";
import { describesBody } from "./validation";

// Generous for JSON and forms (a 20,000-character message in UTF-8 plus encoding); larger bodies are refused unread.
const MAX_REQUEST_BYTES = 256 * 1024;
// The files of one message, its text and the multipart framing.
const MAX_UPLOAD_REQUEST_BYTES = MAX_MESSAGE_FILES_BYTES + 1024 * 1024;
/** The routes that take files: applying, and both sides' messages (API and page forms). */
const UPLOAD_ROUTES = [
  /^\/api\/offers\/[^/]+\/applications$/,
  /^\/api\/applications\/[^/]+\/messages$/,
  /^\/api\/c\/[^/]+\/messages$/,
  /^\/offers\/[^/]+$/,
  /^\/admin\/applications\/[^/]+\/messages$/,
  /^\/c\/[^/]+$/,
];

const tooLarge = (c: Context) => jsonError(c, 413, "too_large", "The request is too large: a file may have at most 10 MB, the files of one message 25 MB together.");
const small = bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: tooLarge });
const large = bodyLimit({ maxSize: MAX_UPLOAD_REQUEST_BYTES, onError: tooLarge });

/** Every body is bounded before it is read: multipart uploads to the routes that take files, everything else small. */
export const requestSizeLimit: MiddlewareHandler<AppContext> = (c, next) => {
  const upload = isMultipart(c) && UPLOAD_ROUTES.some((route) => route.test(c.req.path));
  return (upload ? large : small)(c, next);
};

export function isMultipart(c: Context): boolean {
  return c.req.header("Content-Type")?.toLowerCase().startsWith("multipart/form-data") ?? false;
}

/** A message request's text fields and files; the files are checked (size, kind) before anything is stored. */
export interface MessageParts<T> {
  fields: T;
  files: IncomingFile[];
}

/**
 * Validates a message request's fields with `schema` (JSON or multipart alike) and puts them with the files on
 * the context as `parts`. Bad fields answer 400; oversized or refused files answer through the domain's error.
 */
export function messageParts(schema: z.ZodType): MiddlewareHandler<AppContext> {
  return describesBody(
    createMiddleware<AppContext>(async (c, next) => {
      const { fields, files } = isMultipart(c) ? await formParts(c) : { fields: await c.req.json().catch(() => undefined), files: [] };
      if (fields === undefined) return jsonError(c, 400, "invalid_input", "Send JSON, or multipart/form-data with `files` parts.");
      const parsed = schema.safeParse(fields);
      if (!parsed.success) return invalidInput(parsed.error.issues, c);
      c.set("parts", { fields: parsed.data, files: checkUploads(files) });
      await next();
    }),
    schema,
  );
}

/** What messageParts(schema) validated, typed by the same schema. */
export function partsOf<S extends z.ZodType>(c: Context<AppContext>, _schema: S): MessageParts<z.output<S>> {
  const parts = c.get("parts");
  if (!parts) throw new Error("route is missing its messageParts middleware");
  return parts as MessageParts<z.output<S>>;
}

/** A multipart body's text fields (the first of each name) and its `files` parts (empty file inputs skipped). */
export async function formParts(c: Context): Promise<{ fields: Record<string, string>; files: IncomingFile[] }> {
  const body = await c.req.parseBody({ all: true });
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  for (const [key, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === "string") fields[key] ??= item;
      else if ((key === "files" || key === "files[]") && item.size > 0) {
        files.push({ filename: item.name || "file", contentType: item.type || "application/octet-stream", content: new Uint8Array(await item.arrayBuffer()) });
      }
    }
  }
  return { fields, files };
}
