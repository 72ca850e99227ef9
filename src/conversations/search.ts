/** Search as admins see it: best first, each result a conversation and (for a message) where in it. */
import { HIT_END, HIT_START, searchCompany } from "../db/search";
import type { Env } from "../env";

export interface SearchResult {
  applicationId: number;
  messageId: number | null;
  candidate: { name: string; email: string };
  offer: { id: number; title: string };
  /** Plain text around the hits. */
  snippet: string;
  /** Where the hits are in `snippet`: [start, end) in UTF-16 code units, for highlighting. */
  highlights: [number, number][];
}

export async function searchApplications(env: Env, companyId: number, query: string): Promise<SearchResult[]> {
  const rows = await searchCompany(env.DB, companyId, query);
  return rows.map((row) => ({
    applicationId: row.applicationId,
    messageId: row.messageId,
    candidate: { name: row.candidateName, email: row.candidateEmail },
    offer: { id: row.offerId, title: row.offerTitle },
    ...highlighted(row.snippet),
  }));
}

/** The snippet without its hit marks, and where the marks were. */
export function highlighted(marked: string): { snippet: string; highlights: [number, number][] } {
  const highlights: [number, number][] = [];
  let snippet = "";
  let start = -1;
  for (const char of marked) {
    if (char === HIT_START) start = snippet.length;
    else if (char === HIT_END && start >= 0) {
      highlights.push([start, snippet.length]);
      start = -1;
    } else snippet += char;
  }
  return { snippet, highlights };
}
