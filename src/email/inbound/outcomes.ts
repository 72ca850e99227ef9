/**
 * Every way an inbound email can end, and the one table that decides what each means at SMTP time:
 *   reject — `setReject(reason)`: the sending server bounces it to its own user, so we never mail an
 *            unverified address ourselves (no backscatter);
 *   accept — taken; an automatic answer may go to the (verified) sender, at most once a day;
 *   drop   — taken and silently discarded: machine mail, which must never be answered (mail loops).
 * Whatever the action, the email gets an inbound_log row and its raw MIME stays in R2.
 */

export type Outcome =
  | "stored"
  | "duplicate"
  | "automatic"
  | "bounced"
  | "too_large"
  | "unparseable"
  | "unknown_recipient"
  | "wrong_sender"
  | "too_long"
  | "rejected_application"
  | "nothing_found"
  | "error";

export type Action = "reject" | "accept" | "drop";

export interface OutcomeRule {
  action: Action;
  /** The SMTP rejection text (only for "reject"); the log keeps the detailed reason separately. */
  smtpReason?: (limits: Limits) => string;
  /** The automatic answer an accepted outcome sends to its verified sender. */
  answer?: "rejected_notice" | "nothing_found";
}

export interface Limits {
  maxInboundMb: number;
  maxBodyChars: number;
}

export const OUTCOMES: Record<Outcome, OutcomeRule> = {
  stored: { action: "accept" },
  duplicate: { action: "accept" },
  automatic: { action: "drop" },
  /** A delivery report for an email of ours: recorded on it (and admins told), never answered. */
  bounced: { action: "drop" },
  too_large: {
    action: "reject",
    smtpReason: (l) => `Message too large: the limit is ${l.maxInboundMb} MB. Please share large files as a link (for example from a cloud drive) instead of attaching them.`,
  },
  unparseable: { action: "reject", smtpReason: () => "This message could not be read as an email (malformed MIME)." },
  unknown_recipient: { action: "reject", smtpReason: () => "Unknown recipient: this address does not belong to any conversation." },
  wrong_sender: {
    action: "reject",
    smtpReason: () => "This address accepts replies only from the address the conversation's email was sent to. Please reply from that address.",
  },
  too_long: {
    action: "reject",
    smtpReason: (l) => `Message too long: a message may have at most ${l.maxBodyChars} characters. Please shorten it or attach it as a file.`,
  },
  rejected_application: { action: "accept", answer: "rejected_notice" },
  nothing_found: { action: "accept", answer: "nothing_found" },
  error: {
    action: "reject",
    smtpReason: () => "Temporary failure: we could not process this message because of an error on our side. Please send it again later.",
  },
};

/** What one stage of the pipeline decided; `detail` is the log's reason (never sent to anyone). */
export interface Verdict {
  outcome: Outcome;
  detail?: string;
  storedMessageId?: number;
  /** The log row already has this outcome (written in the message's own batch). */
  logged?: boolean;
}

export const verdict = (outcome: Outcome, detail?: string): Verdict => (detail === undefined ? { outcome } : { outcome, detail });
