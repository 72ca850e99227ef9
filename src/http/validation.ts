import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { MAX_BODY_LENGTH } from "../conversations/errors";
import { invalidInput } from "./errors";

/** zValidator whose failures answer `{error:"invalid_input", message}` with a 400. */
export function valid<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => (result.success ? undefined : invalidInput(result.error.issues, c)));
}

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParam = z.object({ id });
// Bidi embedding/override controls can make a name or message display as something else; nobody types them.
export const withoutBidiControls = (text: string) => text.replace(/[\u202a-\u202e\u2066-\u2069]/g, "");

export const email = z.string().trim().max(254).pipe(z.email("Enter a valid email address."));
export const personName = z
  .string()
  .transform(withoutBidiControls)
  .pipe(z.string().trim().min(1, "Enter a name.").max(200, "A name may have at most 200 characters."));
export const messageBody = z
  .string()
  .max(MAX_BODY_LENGTH, `A message may have at most ${MAX_BODY_LENGTH} characters.`)
  .transform(withoutBidiControls)
  .refine((s) => s.trim().length > 0, "The message is empty.");
