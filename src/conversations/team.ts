/** The team's side of a conversation: notes (with mentions) and who owns it. */
import type { SignedInAdmin } from "../accounts/sessions";
import { database } from "../db/client";
import { assignmentState, changeAssignee } from "../db/assignment";
import type { Env } from "../env";
import { DomainError } from "./errors";
import type { DomainEvent, Outcome } from "./events";
import { postMessage, unknownAdmin } from "./post-message";
import type { MessageView } from "./types";

/** A note of the team in the thread: never shown, emailed or quoted to the candidate; mentioned admins are told. */
export function postNote(env: Env, admin: SignedInAdmin & { session?: string }, applicationId: number, note: { body: string; mentions?: number[] }): Promise<Outcome<MessageView>> {
  const author = { kind: "admin" as const, adminId: admin.id, ...(admin.session ? { session: admin.session } : {}) };
  return postMessage(env, { applicationId, author, channel: "web", body: note.body, visibility: "internal", mentions: note.mentions ?? [] });
}

export interface Assignee {
  id: number;
  name: string;
}

/**
 * Gives the conversation to an admin of the company (or to nobody). The new assignee is notified unless they took
 * it themselves; setting what already is changes nothing. Parallel changes apply one after the other, each from
 * what the previous left, so every assignee who was set last is notified exactly once.
 */
export async function assignApplication(env: Env, admin: SignedInAdmin, applicationId: number, assigneeId: number | null, now = Date.now()): Promise<Outcome<Assignee | null>> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const state = await assignmentState(database(env.DB), admin.companyId, applicationId);
    if (!state) throw new DomainError("not_found", "This conversation does not exist.");
    const assignee = assigneeId === null ? null : (state.team.find((a) => a.id === assigneeId) ?? null);
    if (assigneeId !== null && !assignee) throw unknownAdmin();
    if (state.assigneeId === assigneeId) return { result: assignee, events: [] };
    const change = { companyId: admin.companyId, applicationId, from: state.assigneeId, to: assigneeId, actor: admin, now };
    const notifications = await changeAssignee(env.DB, change);
    if (notifications === null) continue; // someone changed it meanwhile: decide again from what they left
    const events: DomainEvent[] = [{ type: "application.assigned", application: { id: applicationId, companyId: admin.companyId }, assignee }];
    if (notifications.length > 0) events.push({ type: "admins.notified", companyId: admin.companyId, notifications });
    return { result: assignee, events };
  }
  throw new Error("the assignee kept changing; try again");
}
