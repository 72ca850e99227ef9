/** The Message shape of CONTRACT.md, shared by the JSON API, live frames and pages. */
export interface MessageView {
  id: number;
  author: { kind: "candidate" | "admin" | "company" | "system"; name: string; adminId?: number };
  channel: "web" | "email";
  body: string;
  createdAt: string; // ISO 8601
  attachments: { id: number; filename: string; contentType: string; size: number }[];
  /** Files that came with an email but were not kept; both sides see what is missing. */
  skippedFiles: SkippedFile[];
  /** "internal" messages are the team's own: candidates never get them. */
  visibility: "all" | "internal";
  /** Admin views only: the other addresses an emailed message was also sent to (its writer's To and Cc). */
  alsoSentTo?: string[];
  /** Admin views only: delivery of the emails this message caused; `reason` says why one bounced. */
  delivery?: { state: DeliveryState; reason?: string };
}

/** A message waiting to be sent later (CONTRACT.md "Sending later"). */
export interface ScheduledView {
  id: number;
  applicationId: number;
  sendAt: string;
  body: string;
  author: { adminId: number };
  attachments: { filename: string; contentType: string; size: number }[];
  createdAt: string;
}

export interface SkippedFile {
  filename: string;
  /** Over the size of one file, over the total of one email, or beyond the number of files one email may have. */
  reason: "too_large" | "total_too_large" | "too_many";
}

export type DeliveryState = "pending" | "sent" | "failed" | "bounced";

export type Locale = "cs" | "en";
