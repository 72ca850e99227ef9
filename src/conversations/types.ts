/** The Message shape of CONTRACT.md, shared by the JSON API, live frames and pages. */
export interface MessageView {
  id: number;
  author: { kind: "candidate" | "admin" | "company" | "system"; name: string; adminId?: number };
  channel: "web" | "email";
  body: string;
  createdAt: string; // ISO 8601
  attachments: { id: number; filename: string; contentType: string; size: number }[];
  /** Admin views only: delivery of the emails this message caused. */
  delivery?: { state: DeliveryState };
}

export type DeliveryState = "pending" | "sent" | "failed";

export type Locale = "cs" | "en";
