import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { DomainError } from "../conversations/errors";

export function jsonError(c: Context, status: ContentfulStatusCode, error: string, message: string, extra: Record<string, unknown> = {}) {
  return c.json({ error, message, ...extra }, status);
}

const domainStatus: Record<DomainError["code"], ContentfulStatusCode> = {
  not_found: 404,
  application_rejected: 403,
  empty_message: 400,
  message_too_long: 413,
  already_applied: 409,
  unauthenticated: 401,
  unknown_placeholder: 400,
  offer_closed: 409,
  too_large: 413,
  unsupported_file: 415,
  already_sent: 409,
  already_rejected: 409,
  unknown_admin: 400,
  email_taken: 409,
  rate_limited: 429,
};

export function statusOfDomainError(error: DomainError): ContentfulStatusCode {
  return domainStatus[error.code];
}

/** App-wide onError: domain refusals and HTTP exceptions become `{error, message}`; anything else is a 500 without details. */
export function handleError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    if (err.code === "rate_limited" && typeof err.details.retryAfter === "number") c.header("Retry-After", String(err.details.retryAfter));
    const extra =
      err.code === "application_rejected" ? { contactEmail: err.details.contactEmail } : err.code === "unknown_placeholder" ? { placeholder: err.details.placeholder } : {};
    return jsonError(c, statusOfDomainError(err), err.code, err.message, extra);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "too_large" : status === 400 ? "invalid_input" : "http_error";
    return jsonError(c, status, code, err.message || "The request could not be handled.");
  }
  console.error("unhandled error", err);
  return jsonError(c, 500, "internal_error", "Something went wrong on our side. Nothing was saved twice; please try again.");
}

/** zod-validator hook: the first issue, in words, as a 400. */
export function invalidInput(issues: readonly z.core.$ZodIssue[], c: Context) {
  const issue = issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return jsonError(c, 400, "invalid_input", `${where}${issue?.message ?? "Invalid input."}`);
}
