import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { MAX_BODY_LENGTH } from "../conversations/errors";
import { MAX_BULK } from "../conversations/bulk";
import { MAX_SCHEDULE_AHEAD_MS } from "../conversations/scheduled";
import { cleanLine, cleanText, isBlank } from "../conversations/text";
import { WEBHOOK_EVENTS } from "../db/schema";
import { invalidInput } from "./errors";

/** zValidator whose failures answer `{error:"invalid_input", message}` with a 400. */
export function valid<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = zValidator(target, schema, (result, c) => (result.success ? undefined : invalidInput(result.error.issues, c)));
  if (target === "json") describesBody(middleware, schema);
  return middleware;
}

// Which request body each validating middleware checks, so the OpenAPI document shows the very schema a route
// validates with (src/http/api/openapi.ts reads it back from app.routes) and cannot drift from it.
const bodySchemas = new WeakMap<object, z.ZodType>();

export function describesBody<M extends object>(middleware: M, schema: z.ZodType): M {
  bodySchemas.set(middleware, schema);
  return middleware;
}

export function bodySchemaOf(handler: object): z.ZodType | undefined {
  return bodySchemas.get(handler);
}

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParam = z.object({ id });

export const email = z.string().trim().max(254).pipe(z.email("Enter a valid email address."));
/** A one-line value people type: a name, a job title, a company name. */
export const singleLine = (max: number, empty: string, tooLong: string) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .refine((s) => !isBlank(s), empty)
        .pipe(z.string().max(max, tooLong)),
    );
export const personName = singleLine(200, "Enter a name.", "A name may have at most 200 characters.");
export const offerTitle = singleLine(200, "Enter a title.", "A title may have at most 200 characters.");
export const templateName = singleLine(100, "Enter a name.", "A template's name may have at most 100 characters.");
/** A multi-line text that may be empty (a cover letter, a description). */
export const freeText = (max: number, tooLong: string) => z.string().max(max, tooLong).transform(cleanText);
/** A message's text as sent with files: it may be empty (the domain refuses a message with neither). */
export const messageText = freeText(MAX_BODY_LENGTH, `A message may have at most ${MAX_BODY_LENGTH} characters.`);
export const messageBody = freeText(MAX_BODY_LENGTH, `A message may have at most ${MAX_BODY_LENGTH} characters.`).refine((s) => !isBlank(s), "The message is empty.");

/** A time zone the runtime knows by its IANA name ("Europe/Prague"). */
export const timeZone = z
  .string()
  .max(64)
  .refine((zone) => isTimeZone(zone), "Use an IANA time zone name, like Europe/Prague.");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** Sign-up (the API and the page share it). */
export const signupFields = z.object({
  companyName: singleLine(200, "Enter the company name.", "A company name may have at most 200 characters."),
  name: personName,
  email,
  password: z.string().min(8, "A password needs at least 8 characters.").max(1000, "A password may have at most 1,000 characters."),
  locale: z.enum(["cs", "en"], { error: "locale: cs or en." }),
});

/** What an admin may set of their company (the API and the settings page share it). */
export const companySettingsFields = {
  contactEmail: email,
  locale: z.enum(["cs", "en"], { error: "locale: cs or en." }),
  timeZone,
  retentionDays: z.coerce.number({ error: "retentionDays: a number of days." }).int().min(30, "Keep data at least 30 days.").max(1095, "Keep data at most 1,095 days."),
};

/** An API token's name (the API and the integrations page share it). */
export const apiTokenName = singleLine(100, "Name the token (what uses it).", "A token's name may have at most 100 characters.");

/** A new webhook (the API and the integrations page share it); where its URL may point is webhookUrlProblem's. */
export const webhookFields = z.object({
  url: z.string().trim().max(2000, "url: at most 2,000 characters."),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `events: any of ${WEBHOOK_EVENTS.join(", ")}.` }))
    .min(1, "events: choose at least one.")
    .transform((events) => [...new Set(events)]),
});

/** When to send a message: ISO 8601 or epoch milliseconds (a number, or digits in a form), 1 s to 30 days ahead. */
export const sendAt = z
  .union([z.number(), z.string().max(40)], { error: "sendAt: an ISO 8601 time or epoch milliseconds." })
  .transform((value) =>
    typeof value === "number" ? value : /^\d{1,15}$/.test(value.trim()) ? Number(value) : /^\d{4}-\d{2}-\d{2}T/.test(value.trim()) ? Date.parse(value) : Number.NaN,
  )
  .refine((at) => Number.isFinite(at), "sendAt: an ISO 8601 time (with its zone) or epoch milliseconds.")
  .refine((at) => at > Date.now(), "sendAt: the time has passed; choose one at least a second ahead.")
  .refine((at) => at <= Date.now() + MAX_SCHEDULE_AHEAD_MS + 60_000, "sendAt: at most 30 days ahead.")
  .transform((at) => Math.round(at));

/** One action over many applications (the API, and the bulk page's form). */
export const bulkFields = z
  .object({
    applicationIds: z.array(id).min(1, "Choose at least one application.").max(MAX_BULK, `At most ${MAX_BULK} applications at once.`),
    action: z.enum(["message", "reject"], { error: "action: message or reject." }),
    body: messageBody.optional(),
    templateId: id.optional(),
  })
  .refine((b) => !(b.body !== undefined && b.templateId !== undefined), "Send either {body} or {templateId}, not both.")
  .refine((b) => b.action !== "message" || b.body !== undefined || b.templateId !== undefined, "A message needs {body} or {templateId}.");
