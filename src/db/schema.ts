import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Times are epoch milliseconds; ids are SQLite rowids (messages' ids therefore grow in storage order).
const createdAt = () => integer("created_at").notNull();

export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  contactEmail: text("contact_email").notNull(),
  locale: text("locale", { enum: ["cs", "en"] })
    .notNull()
    .default("en"),
  /** IANA zone: times in the company's emails and pages are written in it. */
  timeZone: text("time_zone").notNull().default("Europe/Prague"),
  /** Closed or inactive applications older than this are erased by the daily cron. */
  retentionDays: integer("retention_days").notNull().default(365),
  createdAt: createdAt(),
  /** A company that signed up itself is shown the first steps in its inbox until they are done or hidden. */
  onboarding: integer("onboarding", { mode: "boolean" }).notNull().default(false),
  /** When the settings were last saved (the first step of onboarding: contact address and time zone looked at). */
  settingsSavedAt: integer("settings_saved_at"),
});

export const admins = sqliteTable(
  "admins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    email: text("email").notNull(), // stored lower-cased
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(), // "pbkdf2-sha256$iterations$salt$hash"
    /** Unread in-app notifications, kept as a counter so reading it costs one row whatever the history. */
    unreadCount: integer("unread_count").notNull().default(0),
    /** When the admin proved the address is theirs (the sign-up link; an invitation proves it); null: not yet. */
    emailConfirmedAt: integer("email_confirmed_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("admins_email_uq").on(t.email), index("admins_company_idx").on(t.companyId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    adminId: integer("admin_id")
      .notNull()
      .references(() => admins.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_admin_idx").on(t.adminId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(), // "email:<address>" or "ip:<address>"
  count: integer("count").notNull(),
  windowStartedAt: integer("window_started_at").notNull(),
});

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByAdminId: integer("invited_by_admin_id")
      .notNull()
      .references(() => admins.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
  },
  (t) => [uniqueIndex("invitations_token_uq").on(t.tokenHash), index("invitations_company_idx").on(t.companyId, t.createdAt)],
);

export const offers = sqliteTable(
  "offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** A closed offer takes no new applications; its conversations go on. */
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdAt: createdAt(),
  },
  (t) => [index("offers_company_idx").on(t.companyId, t.id)],
);

export const notificationAddresses = sqliteTable(
  "notification_addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id),
    email: text("email").notNull(), // stored lower-cased
  },
  (t) => [uniqueIndex("notification_addresses_offer_email_uq").on(t.offerId, t.email)],
);

export const candidates = sqliteTable(
  "candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    email: text("email").notNull(), // stored lower-cased
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("candidates_company_email_uq").on(t.companyId, t.email)],
);

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
    /** Copied from the candidate (who never changes name or address here), so the inbox needs no join per row. */
    candidateName: text("candidate_name").notNull(),
    candidateEmail: text("candidate_email").notNull(),
    status: text("status", { enum: ["active", "rejected"] })
      .notNull()
      .default("active"),
    source: text("source", { enum: ["applied", "manual"] }).notNull(),
    /** Bumped to revoke every candidate link issued so far. */
    linkVersion: integer("link_version").notNull().default(1),
    lastMessageId: integer("last_message_id"),
    /** Copied from the latest message so the inbox needs no join per row. */
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    lastMessageAuthor: text("last_message_author").notNull().default(""),
    /** With the preview, so the inbox can tell a team's note from a message without reading the message. */
    lastMessageAuthorKind: text("last_message_author_kind", { enum: ["candidate", "admin", "company", "system"] }),
    lastMessageVisibility: text("last_message_visibility", { enum: ["all", "internal"] }),
    lastActivityAt: integer("last_activity_at").notNull(),
    /** The admin who owns the conversation (null: unassigned). */
    assigneeAdminId: integer("assignee_admin_id").references(() => admins.id),
    /** Copied from the assignee when assigned, so the inbox needs no join per row (like the candidate's name). */
    assigneeName: text("assignee_name"),
    /**
     * Whose turn it is, from the latest message the candidate can see that is not a system line: "company" when
     * the candidate wrote it, "candidate" when the company did; null before either wrote. Kept by the message write.
     */
    waitingOn: text("waiting_on", { enum: ["company", "candidate"] }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("applications_offer_candidate_uq").on(t.offerId, t.candidateId),
    // Inbox: latest activity first, optionally filtered by offer and/or status (keyset on activity, id).
    index("applications_inbox_idx").on(t.companyId, t.lastActivityAt, t.id),
    index("applications_inbox_offer_idx").on(t.companyId, t.offerId, t.lastActivityAt, t.id),
    index("applications_inbox_status_idx").on(t.companyId, t.status, t.lastActivityAt, t.id),
    index("applications_inbox_offer_status_idx").on(t.companyId, t.offerId, t.status, t.lastActivityAt, t.id),
    // The inbox's queues: "mine" / "unassigned", and whose turn it is.
    index("applications_inbox_assignee_idx").on(t.companyId, t.assigneeAdminId, t.lastActivityAt, t.id),
    index("applications_inbox_waiting_idx").on(t.companyId, t.waitingOn, t.lastActivityAt, t.id),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Random id chosen before the insert, so later statements of the same batch can find this row. */
    uid: text("uid").notNull(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    authorKind: text("author_kind", { enum: ["candidate", "admin", "company", "system"] }).notNull(),
    authorAdminId: integer("author_admin_id").references(() => admins.id),
    authorName: text("author_name").notNull(),
    authorEmail: text("author_email"),
    channel: text("channel", { enum: ["web", "email"] }).notNull(),
    body: text("body").notNull(),
    /** For emailed messages: the full text before quote stripping, so admins can show it. */
    originalBody: text("original_body"),
    /** Files that came with the message but were not kept (too large, too many), as JSON: [{filename, reason}]. */
    skippedFiles: text("skipped_files").notNull().default("[]"),
    /** For emailed messages: the other addresses the sender wrote to (To and Cc, not ours), as a JSON array. */
    alsoSentTo: text("also_sent_to").notNull().default("[]"),
    /** "internal": the team's own (notes, lines about what an admin did); never shown, emailed or quoted to the candidate. */
    visibility: text("visibility", { enum: ["all", "internal"] })
      .notNull()
      .default("all"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("messages_uid_uq").on(t.uid), index("messages_application_idx").on(t.applicationId, t.id)],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    r2Key: text("r2_key").notNull(),
  },
  // A page of messages finds its attachments by (application, message id range): one index range, not a probe per id.
  (t) => [index("attachments_application_message_idx").on(t.applicationId, t.messageId)],
);

export const NOTIFICATION_KINDS = ["message", "application", "mention", "assigned", "bounce", "erasure_request"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    adminId: integer("admin_id")
      .notNull()
      .references(() => admins.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    /** What happened: a message, a new application, a mention, an assignment, a bounce, an erasure request. */
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull().default("message"),
    /** The message it is about; null for kinds that are about the application only. */
    messageId: integer("message_id").references(() => messages.id),
    /** Copied from the message and its application when notified, so a list of notifications reads only its own rows. */
    authorKind: text("author_kind", { enum: ["candidate", "admin", "company", "system"] })
      .notNull()
      .default("candidate"),
    authorName: text("author_name").notNull().default(""),
    candidateName: text("candidate_name").notNull().default(""),
    preview: text("preview").notNull().default(""),
    createdAt: createdAt(),
    readAt: integer("read_at"),
  },
  (t) => [
    index("notifications_admin_idx").on(t.adminId, t.id),
    index("notifications_message_idx").on(t.messageId),
    // Unread counts per admin and per (admin, application) without scanning read history.
    index("notifications_admin_unread_idx").on(t.adminId, t.applicationId).where(sql`read_at IS NULL`),
  ],
);

/** Who has seen a conversation up to which message: the candidate and each admin ("seen" marks). */
export const readMarkers = sqliteTable(
  "read_markers",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    reader: text("reader").notNull(), // "candidate" or "admin:<id>"
    lastReadMessageId: integer("last_read_message_id").notNull().default(0),
    /** Admins only: messages by others since they last read it (the inbox badge). */
    unread: integer("unread").notNull().default(0),
    readAt: integer("read_at"),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reader] }), index("read_markers_unread_idx").on(t.reader, t.unread)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    applicationId: integer("application_id").references(() => applications.id),
    messageId: integer("message_id").references(() => messages.id),
    kind: text("kind", {
      enum: [
        "candidate_message",
        "new_candidate",
        "new_message",
        "rejected_notice",
        "nothing_found",
        "invitation",
        "application_received",
        "mention",
        "signup_confirmation",
        "new_link",
        "erasure_confirmation",
        "erasure_declined",
        "webhook_disabled",
      ],
    }).notNull(),
    /** "candidate", "address:<notification address id>", "admin:<admin id>" (mentions, webhook notices) or "person" (invitations); part of the routing token. */
    recipientKind: text("recipient_kind").notNull(),
    toAddress: text("to_address").notNull(),
    /**
     * What the email says beyond its stored message and recipient, as JSON (an invitation's token, say). The
     * email itself is rendered when it is delivered; the columns below record what went out.
     */
    payload: text("payload").notNull().default("{}"),
    fromAddress: text("from_address"),
    replyTo: text("reply_to"),
    subject: text("subject"),
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    /** Threading: an automatic answer names the inbound email it answers; the rest is filled in at delivery. */
    inReplyTo: text("in_reply_to"),
    references: text("references"),
    /** The MIME exactly as handed to send_email (the last attempt's). */
    raw: text("raw"),
    /** "bounced": sent, then a delivery report said it never arrived (last_error holds why). */
    state: text("state", { enum: ["pending", "sent", "failed", "bounced"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentMessageId: text("sent_message_id"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
    /** Development mailbox only: "emptied" hides rows there without losing delivery state or threading. */
    hiddenInDevMailbox: integer("hidden_in_dev_mailbox", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("outbox_due_idx").on(t.state, t.nextAttemptAt),
    index("outbox_thread_idx").on(t.applicationId, t.toAddress, t.id),
    // Delivery state of a page of messages: one range over (application, message id), covering the state.
    index("outbox_application_message_idx").on(t.applicationId, t.messageId, t.state),
    index("outbox_sent_message_id_idx").on(t.sentMessageId),
    index("outbox_kind_idx").on(t.applicationId, t.kind, t.createdAt),
  ],
);

export const inboundLog = sqliteTable(
  "inbound_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    receivedAt: integer("received_at").notNull(),
    envelopeFrom: text("envelope_from").notNull(),
    envelopeTo: text("envelope_to").notNull(),
    /** "<Message-ID> <envelope recipient>" (a hash of the raw when there is no Message-ID): the same email again. */
    dedupeKey: text("dedupe_key"),
    /**
     * The dedupe key, held by the one delivery of an email that is (or was) processed; unique, so of copies arriving
     * at once exactly one claims it. Cleared when the email was refused at SMTP time, so the sender's retry is taken.
     */
    claimKey: text("claim_key"),
    subject: text("subject"),
    size: integer("size").notNull(),
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    applicationId: integer("application_id"),
    /** The company whose conversation (or sent email, for a bounce) it was about; null when none was found. */
    companyId: integer("company_id"),
    /** The From header's address, as the pipeline read it (the envelope sender is often a bounce address). */
    fromAddress: text("from_address"),
    storedMessageId: integer("stored_message_id"),
    rawKey: text("raw_key"),
  },
  (t) => [
    index("inbound_log_dedupe_idx").on(t.dedupeKey),
    uniqueIndex("inbound_log_claim_uq").on(t.claimKey),
    index("inbound_log_application_idx").on(t.applicationId),
    index("inbound_log_received_idx").on(t.receivedAt),
    // A company's received emails, newest first (GET /api/inbound).
    index("inbound_log_company_idx").on(t.companyId, t.id),
  ],
);

/** Message templates of a company; placeholders ({{candidate.firstName}} …) are filled in when a message is sent. */
export const templates = sqliteTable(
  "templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("templates_company_idx").on(t.companyId, t.name)],
);

/**
 * An admin's message that waits for its time (CONTRACT.md "Sending later"). Its placeholders are filled in and
 * its files stored when it is scheduled; at `send_at` it is posted like any admin message, in the same batch
 * that marks it sent, so it is posted once however many schedulers and cancels race for it.
 */
export const scheduledMessages = sqliteTable(
  "scheduled_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    adminId: integer("admin_id")
      .notNull()
      .references(() => admins.id),
    body: text("body").notNull(),
    /** The stored files, as JSON [{filename, contentType, size, r2Key}]. */
    files: text("files").notNull().default("[]"),
    sendAt: integer("send_at").notNull(),
    state: text("state", { enum: ["pending", "sent", "cancelled"] })
      .notNull()
      .default("pending"),
    /** The message it became. */
    messageId: integer("message_id").references(() => messages.id),
    createdAt: createdAt(),
  },
  (t) => [index("scheduled_messages_application_idx").on(t.applicationId, t.state, t.sendAt), index("scheduled_messages_due_idx").on(t.state, t.sendAt)],
);

/**
 * Never holds a row. A write batch that must only happen while a condition holds inserts a 0 here when the
 * condition is false; the CHECK refuses it, and D1 rolls the whole batch back (see src/db/guard.ts).
 */
export const batchGuards = sqliteTable("batch_guards", { ok: integer("ok").notNull() }, () => [check("batch_guards_ok", sql`ok = 1`)]);

/**
 * The audit of erasures (personal data, GDPR Art. 17): who erased how much at which company and when. It keeps no
 * personal data of the person erased: no name, address, or id of a row that held them.
 */
export const erasures = sqliteTable(
  "erasures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    /** The admin who erased; null when the retention cron did. The name is kept should the admin leave. */
    adminId: integer("admin_id").references(() => admins.id),
    adminName: text("admin_name"),
    /** What started it: an admin, an admin answering the candidate's request, or the company's retention period. */
    cause: text("cause", { enum: ["admin", "request", "retention"] }).notNull(),
    applications: integer("applications").notNull(),
    messages: integer("messages").notNull(),
    files: integer("files").notNull(),
    emails: integer("emails").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("erasures_company_idx").on(t.companyId, t.id)],
);

/**
 * R2 objects (attachments, raw inbound MIME) of erased rows, not yet deleted from R2. The batch that deletes the
 * rows records their keys here, so an erasure interrupted before R2 answered loses no key; the daily cron retries.
 */
export const erasedObjects = sqliteTable("erased_objects", {
  r2Key: text("r2_key").primaryKey(),
  createdAt: createdAt(),
});

/** A candidate asked for their data to be erased; open until an admin erases it (the row goes with it) or declines. */
export const erasureRequests = sqliteTable(
  "erasure_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    state: text("state", { enum: ["open", "declined"] })
      .notNull()
      .default("open"),
    declineReason: text("decline_reason"),
    createdAt: createdAt(),
    /** When the candidate confirmed it by the link emailed to their address (so it is theirs, not a link holder's). */
    confirmedAt: integer("confirmed_at"),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [index("erasure_requests_company_idx").on(t.companyId, t.state, t.id), index("erasure_requests_application_idx").on(t.applicationId)],
);

/**
 * API tokens: each is a session that does not expire on its own (its hash is a `sessions` row, so every session
 * check applies to it unchanged); this row names it and lets the company see and revoke it.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    adminId: integer("admin_id")
      .notNull()
      .references(() => admins.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    /** Updated at most once a minute, so a busy integration does not write on every call. */
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_company_idx").on(t.companyId)],
);

export const WEBHOOK_EVENTS = ["application.created", "message.created", "application.updated"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhooks = sqliteTable(
  "webhooks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    url: text("url").notNull(),
    /** JSON array of WebhookEvent. */
    events: text("events").notNull(),
    /** "whsec_<base64 key>", the Standard Webhooks form. */
    secret: text("secret").notNull(),
    createdAt: createdAt(),
    /** Deliveries that failed for good in a row; reset by a success. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Set when it kept failing: nothing more is sent until an admin enables it again. */
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("webhooks_company_idx").on(t.companyId)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** The `webhook-id` header: the same on every retry, so a receiver can drop repeats. */
    id: text("id").primaryKey(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id),
    companyId: integer("company_id").notNull(),
    /** The conversation it is about (erased with it: the payload holds its personal data). */
    applicationId: integer("application_id"),
    event: text("event", { enum: WEBHOOK_EVENTS }).notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    index("webhook_deliveries_application_idx").on(t.applicationId),
  ],
);

/**
 * How many conversations each inbox queue holds, per company: "unassigned", "assignee:<admin id>",
 * "waiting:company", "waiting:candidate" (the waiting ones count open applications only). Kept by triggers on
 * `applications` (migration 0014), so every write path keeps it right and the inbox reads four rows for its tabs.
 */
export const queueCounts = sqliteTable(
  "queue_counts",
  {
    companyId: integer("company_id").notNull(),
    queue: text("queue").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.queue] })],
);
