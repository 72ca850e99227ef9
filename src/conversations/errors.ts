/** A rule of the domain said no; adapters turn `code` into an HTTP status, a page notice or an email outcome. */
export class DomainError extends Error {
  constructor(
    readonly code:
      | "not_found"
      | "application_rejected"
      | "empty_message"
      | "message_too_long"
      | "already_applied"
      | "unauthenticated"
      | "unknown_placeholder"
      | "offer_closed"
      | "too_large"
      | "unsupported_file"
      | "already_sent"
      /** A rejection of an application that was closed already (reported per item by bulk actions). */
      | "already_rejected"
      /** A mention or an assignee that is not an admin of the conversation's company. */
      | "unknown_admin"
      /** Sign-up with an address that already has an account (addresses are global logins). */
      | "email_taken"
      | "rate_limited",
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const MAX_BODY_LENGTH = 20_000;
