import type { Env } from "../env";
import { database } from "../db/client";
import { loadApplicationHead, type ApplicationHead } from "../db/conversation-context";
import { readCandidateToken } from "./candidate-link";

export type CandidateAccess = ApplicationHead & { applicationId: number; status: "active" | "rejected" };

/** What a candidate link opens, or null for a forged, malformed or revoked link. */
export async function candidateAccess(env: Env, token: string): Promise<CandidateAccess | null> {
  const claims = await readCandidateToken(env.LINK_SECRET, token);
  if (!claims) return null;
  const head = await loadApplicationHead(database(env.DB), claims.applicationId);
  if (!head || head.application.linkVersion !== claims.linkVersion) return null;
  return { ...head, applicationId: head.application.id, status: head.application.status };
}
