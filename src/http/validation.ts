import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { MAX_BODY_LENGTH } from "../conversations/errors";
import { cleanLine, cleanText, isBlank } from "../conversations/text";
import { invalidInput } from "./errors";

/** zValidator whose failures answer `{error:"invalid_input", message}` with a 400. */
export function valid<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => (result.success ? undefined : invalidInput(result.error.issues, c)));
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
/** A multi-line text that may be empty (a cover letter, a description). */
export const freeText = (max: number, tooLong: string) => z.string().max(max, tooLong).transform(cleanText);
export const messageBody = freeText(MAX_BODY_LENGTH, `A message may have at most ${MAX_BODY_LENGTH} characters.`).refine((s) => !isBlank(s), "The message is empty.");
