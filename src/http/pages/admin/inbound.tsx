import { Hono } from "hono";
import { companyInbound } from "../../../db/inbound-log";
import type { AppContext } from "../../types";
import { formatDateTime } from "../format";
import { render } from "../render";
import { adminContext } from "./context";

/** The company's received emails and what became of each, with the raw source (GET /api/inbound as a page). */
export const inboundPages = new Hono<AppContext>().get("/inbound", async (c) => {
  const ctx = await adminContext(c);
  const { t } = ctx;
  const before = Number(c.req.query("cursor")) || undefined;
  const page = await companyInbound(ctx.db, ctx.admin.companyId, before);
  return render(
    c,
    ctx.frame(
      t.inbound.title,
      "inbound",
      <section aria-labelledby="inbound-title" class="stack">
        <h1 id="inbound-title">{t.inbound.title}</h1>
        <p class="muted">{t.inbound.intro}</p>
        {page.rows.length === 0 ? (
          <p class="empty-state">{t.inbound.empty}</p>
        ) : (
          <ul class="inbound-list">
            {page.rows.map((r) => (
              <li data-outcome={r.outcome}>
                <span class="inbound-list__head">
                  <strong>{r.fromAddress ?? r.envelopeFrom}</strong>
                  <time datetime={new Date(r.receivedAt).toISOString()}>{formatDateTime(t, r.receivedAt)}</time>
                </span>
                <span class="inbound-list__subject">{r.subject ?? ""}</span>
                <span class="inbound-list__outcome">{t.inbound.outcomes[r.outcome] ?? r.outcome}</span>
                <span class="inbound-list__links">
                  {r.applicationId !== null && (
                    <a href={`/admin/applications/${r.applicationId}${r.storedMessageId ? `#message-${r.storedMessageId}` : ""}`}>{t.inbound.openMessage}</a>
                  )}
                  <a href={`/api/inbound/${r.id}/raw`} download={`email-${r.id}.eml`}>
                    {t.inbound.raw}
                  </a>
                </span>
              </li>
            ))}
          </ul>
        )}
        {page.nextCursor && (
          <nav class="pager">
            <a class="pager__older" href={`/admin/inbound?cursor=${page.nextCursor}`} rel="next">
              {t.inbound.older} →
            </a>
          </nav>
        )}
      </section>,
    ),
  );
});
