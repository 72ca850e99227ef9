/**
 * Full-text search over one company's candidates and messages (notes included), on the FTS5 table
 * `search_index` of migration 0011. Triggers there keep it in step with every write, so nothing here writes.
 */
import { sql } from "drizzle-orm";
import { rawBatch } from "./raw-batch";
import { applications, offers } from "./schema";

export const SEARCH_LIMIT = 25;
/** Words a search uses at most; the rest of a long query only narrows it further. */
const MAX_TERMS = 8;
/** Marks around each hit in a snippet: control characters, which stored text never holds (cleanText drops them). */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

export interface SearchRow {
  applicationId: number;
  messageId: number | null;
  candidateName: string;
  candidateEmail: string;
  offerId: number;
  offerTitle: string;
  snippet: string;
}

/**
 * The FTS5 expression for what a person typed: each word a quoted prefix term, all of them required. Quotes,
 * `*`, `NEAR`, `-` or parentheses are never syntax here, only separators or words. Null when nothing is left.
 */
export function matchExpression(companyId: number, query: string): string | null {
  const words = (query.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  const terms = words.map((w) => `"${stem(w)}"*`).join(" AND ");
  return `company : "c${companyId}" AND body : (${terms})`;
}

/**
 * A long word without its final vowel, so one form finds the others: Czech nouns change their ending
 * ("přihláška" finds "přihlášku", "přihlášky"), and so do many English words ("create" finds "created").
 */
function stem(word: string): string {
  return word.length >= 6 && /[aeiouyáéěíóúůý]$/iu.test(word) ? word.slice(0, -1) : word;
}

/** Best first (bm25), at most SEARCH_LIMIT; another company's rows are outside the expression itself. */
export async function searchCompany(d1: D1Database, companyId: number, query: string): Promise<SearchRow[]> {
  const match = matchExpression(companyId, query);
  if (!match) return [];
  const [rows] = await rawBatch<SearchRow>(d1, [
    sql`SELECT search_index.application_id AS applicationId, CASE WHEN search_index.rowid > 0 THEN search_index.rowid END AS messageId,
        a.candidate_name AS candidateName, a.candidate_email AS candidateEmail, o.id AS offerId, o.title AS offerTitle,
        snippet(search_index, 1, ${HIT_START}, ${HIT_END}, '…', 16) AS snippet
      FROM search_index
      JOIN ${applications} a ON a.id = search_index.application_id AND a.company_id = ${companyId}
      JOIN ${offers} o ON o.id = a.offer_id
      WHERE search_index MATCH ${match}
      ORDER BY search_index.rank LIMIT ${SEARCH_LIMIT}`,
  ]);
  return rows ?? [];
}
