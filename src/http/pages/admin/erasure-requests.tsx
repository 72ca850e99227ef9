import { Hono } from "hono";
import { renewLink } from "../../../conversations/applications";
import { declineErasure, MAX_DECLINE_REASON } from "../../../conversations/erasure-requests";
import { DomainError } from "../../../conversations/errors";
import { erasureRequestsOf } from "../../../db/erasure-requests";
import { committed } from "../../commit";
import type { AppContext } from "../../types";
import { notFoundPage } from "../errors";
import { formatDate } from "../format";
import { formFields, idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext } from "./context";

/**
 * The side panel's personal-data actions without JavaScript (each redirects back with `?notice=`), and the
 * company's list of erasure requests.
 */
export const erasureRequestPages = new Hono<AppContext>()
  .post("/applications/:id/erasure-request/decline", async (c) => {
    const ctx = await adminContext(c);
    const applicationId = idParam(c.req.param("id"));
    if (applicationId === null || !(await ctx.scope.application(applicationId))) return notFoundPage(c, ctx.t);
    const { reason = "" } = await formFields(c);
    const back = (notice: string) => seeOther(c, `/admin/applications/${applicationId}?notice=${notice}#personal-data-title`);
    if (reason.trim() === "" || reason.length > MAX_DECLINE_REASON) return back("reason-missing");
    try {
      await committed(c, declineErasure(c.env, ctx.admin, applicationId, reason));
    } catch (error) {
      // Declined or erased a moment ago by a colleague: the page shows how it stands now.
      if (error instanceof DomainError && error.code === "not_found") return seeOther(c, `/admin/applications/${applicationId}`);
      if (error instanceof DomainError && error.code === "empty_message") return back("reason-missing");
      throw error;
    }
    return back("erasure-declined");
  })
  .post("/applications/:id/new-link", async (c) => {
    const ctx = await adminContext(c);
    const applicationId = idParam(c.req.param("id"));
    if (applicationId === null || !(await ctx.scope.application(applicationId))) return notFoundPage(c, ctx.t);
    await committed(c, renewLink(c.env, ctx.admin, applicationId));
    return seeOther(c, `/admin/applications/${applicationId}?notice=link-renewed#candidate-link`);
  })
  .get("/erasure-requests", async (c) => {
    const ctx = await adminContext(c);
    const { t } = ctx;
    const requests = await erasureRequestsOf(ctx.db, ctx.admin.companyId);
    return render(
      c,
      ctx.frame(
        t.personalData.requestsTitle,
        "settings",
        <section class="stack" aria-labelledby="requests-title">
          <h1 id="requests-title">{t.personalData.requestsTitle}</h1>
          {requests.length === 0 ? (
            <p class="muted">{t.personalData.requestsEmpty}</p>
          ) : (
            <ul class="inbound-list">
              {requests.map((r) => (
                <li data-request-state={r.state}>
                  <div class="inbound-list__head">
                    <a href={`/admin/applications/${r.applicationId}#personal-data-title`}>{r.candidate.name}</a>
                    <span class="muted">{r.offer.title}</span>
                    <time>{formatDate(t, r.createdAt)}</time>
                  </div>
                  <span class="inbound-list__outcome">{t.personalData.requestState[r.state]}</span>
                  <span class="muted">
                    {r.state === "declined" ? r.declineReason : r.confirmedAt ? t.personalData.confirmedOn(formatDate(t, r.confirmedAt)) : t.personalData.unconfirmed}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>,
      ),
    );
  });
