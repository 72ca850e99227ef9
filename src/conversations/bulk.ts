/**
 * One action over many applications (a message to each, or rejecting each), each through the same rules and
 * writes as one at a time: placeholders are filled per candidate, and one that fails does not stop the rest.
 */
import type { SignedInAdmin } from "../accounts/sessions";
import type { Env } from "../env";
import { setApplicationStatus } from "./applications";
import { DomainError } from "./errors";
import type { DomainEvent, Outcome } from "./events";
import { postMessage } from "./post-message";
import { adminMessageBody } from "./templates";

export const MAX_BULK = 500;
/** Applications worked on at once: enough to finish 500 well inside a request, few enough to go easy on D1. */
const PARALLEL = 8;

export interface BulkRequest {
  applicationIds: number[];
  action: "message" | "reject";
  body?: string;
  templateId?: number;
}

export interface BulkResult {
  done: number;
  failed: { id: number; error: string }[];
}

export async function bulkAction(env: Env, admin: SignedInAdmin & { session: string }, request: BulkRequest): Promise<Outcome<BulkResult>> {
  // The template is read once; a missing one fails the whole request before anything is sent.
  const text =
    request.templateId !== undefined
      ? { body: await adminMessageBody(env, admin, 0, { templateId: request.templateId }, { fill: false }) }
      : request.body !== undefined
        ? { body: request.body }
        : null;
  if (request.action === "message" && text === null) throw new DomainError("empty_message", "A bulk message needs {body} or {templateId}.");
  const ids = [...new Set(request.applicationIds)];
  const events: DomainEvent[] = [];
  const failed: BulkResult["failed"] = [];
  const one = async (applicationId: number) => {
    try {
      const body = text ? await adminMessageBody(env, admin, applicationId, text) : undefined;
      const outcome =
        request.action === "reject"
          ? await setApplicationStatus(env, admin, applicationId, "rejected", body)
          : await postMessage(env, { applicationId, author: { kind: "admin", adminId: admin.id, session: admin.session }, channel: "web", body: body ?? "" });
      // A rejection that changed nothing (closed already, by a colleague or a second click) sent nothing either.
      if (request.action === "reject" && outcome.events.length === 0) throw new DomainError("already_rejected", "This application is already closed.");
      events.push(...outcome.events);
    } catch (error) {
      // Reported per application; what the others did still stands and is still told.
      if (!(error instanceof DomainError)) console.error("bulk: one application failed", applicationId, error);
      failed.push({ id: applicationId, error: error instanceof DomainError ? error.code : "internal_error" });
    }
  };
  for (let i = 0; i < ids.length; i += PARALLEL) await Promise.all(ids.slice(i, i + PARALLEL).map(one));
  failed.sort((a, b) => a.id - b.id);
  return { result: { done: ids.length - failed.length, failed }, events };
}
