import { Hono } from "hono";
import { searchApplications } from "../../../conversations/search";
import type { AppContext } from "../../types";
import { render } from "../render";
import { adminContext } from "./context";

/** The search box's results: each opens the conversation at the message it found (or at its top for a candidate). */
export const searchPages = new Hono<AppContext>().get("/search", async (c) => {
  const ctx = await adminContext(c);
  const { t } = ctx;
  const q = (c.req.query("q") ?? "").trim();
  const tooLong = q.length > 200;
  const results = q && !tooLong ? await searchApplications(c.env, ctx.admin.companyId, q) : [];
  return render(
    c,
    ctx.frame(
      q ? t.search.title(q) : t.search.label,
      "inbox",
      <section class="search-page" aria-labelledby="search-title">
        <h1 id="search-title">{q ? t.search.title(q) : t.search.label}</h1>
        {tooLong && (
          <p class="banner" role="alert">
            {t.search.tooLong}
          </p>
        )}
        {q && !tooLong && results.length === 0 && <p class="empty-state">{t.search.empty}</p>}
        {results.length > 0 && (
          <ol class="search-results">
            {results.map((r) => (
              <li>
                <a href={`/admin/applications/${r.applicationId}${r.messageId ? `#message-${r.messageId}` : ""}`}>
                  <span class="search-results__head">
                    <strong>{r.candidate.name}</strong> <span class="muted">{r.candidate.email}</span>
                  </span>
                  <span class="search-results__offer muted">
                    {r.offer.title}
                    {r.messageId === null && ` · ${t.search.candidate}`}
                  </span>
                  <span class="search-results__snippet">{pieces(r.snippet, r.highlights).map((part) => (part.hit ? <mark>{part.text}</mark> : part.text))}</span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </section>,
    ),
    tooLong ? 400 : 200,
  );
});

/** The snippet cut at its hits, so JSX escapes every piece and only <mark> is markup. */
function pieces(snippet: string, highlights: [number, number][]): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start > at) parts.push({ text: snippet.slice(at, start), hit: false });
    parts.push({ text: snippet.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  return parts;
}
