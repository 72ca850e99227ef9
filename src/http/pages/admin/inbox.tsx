import { Hono } from "hono";
import { committed } from "../../commit";
import { z } from "zod";
import { inboxPage, queueCountsOf } from "../../../db/company-scope";
import { endOnboarding } from "../../../db/company-settings";
import { markNotificationsRead, markReadByAdmin } from "../../../conversations/read";
import { currentAdmin, type AppContext } from "../../types";
import { id } from "../../validation";
import { AddCandidateForm } from "../components/add-candidate-form";
import { BulkBar, InboxFilter, InboxItem, QUEUES, QueueTabs, type Queue } from "../components/inbox-list";
import { NotificationsPanel } from "../components/notifications";
import { OnboardingCard } from "../components/onboarding";
import { idParam } from "../forms";
import { render, seeOther } from "../render";
import { adminContext } from "./context";

const NOTIFICATIONS_SHOWN = 10;

// Lenient: a stale or hand-edited filter shows the unfiltered inbox rather than an error page.
const inboxQuery = z.object({
  offerId: id.optional().catch(undefined),
  status: z.enum(["active", "rejected"]).optional().catch(undefined),
  assignee: z
    .union([z.enum(["me", "none"]), id])
    .optional()
    .catch(undefined),
  waitingOn: z.enum(["company", "candidate"]).optional().catch(undefined),
  cursor: z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/)
    .optional()
    .catch(undefined),
});

export const inboxPages = new Hono<AppContext>()
  .get("/", async (c) => {
    const ctx = await adminContext(c, { notifications: NOTIFICATIONS_SHOWN });
    const { t, scope, admin } = ctx;
    const filter = inboxQuery.parse(c.req.query());
    const [rows, offers, queues] = await ctx.db.batch([scope.inboxQuery(admin.id, filter), scope.offerTitlesQuery(), scope.queueCountsQuery(admin.id)]);
    const counts = queueCountsOf(queues);
    const page = inboxPage(rows);
    const titles = new Map(offers.map((o) => [o.id, o.title]));
    const filtered = filter.offerId !== undefined || filter.status !== undefined || filter.assignee !== undefined || filter.waitingOn !== undefined;
    const queue = queueOf(filter);
    const queueParams = { ...(filter.assignee !== undefined ? { assignee: String(filter.assignee) } : {}), ...(filter.waitingOn ? { waitingOn: filter.waitingOn } : {}) };
    const progress = ctx.company.onboarding ? await scope.onboardingProgress(Date.now()) : null;
    const steps = progress && { settings: ctx.company.settingsSavedAt !== null, offer: progress.hasOffer, team: progress.hasTeam };
    const olderHref = page.nextCursor ? `/admin?${query({ ...filter, cursor: page.nextCursor })}` : null;
    const newestHref = filter.cursor ? `/admin?${query({ ...filter, cursor: undefined })}` : null;
    return render(
      c,
      ctx.frame(
        t.inbox.title,
        "inbox",
        <div class="split">
          <section class="split__main" aria-labelledby="inbox-title">
            <div class="page-head">
              <h1 id="inbox-title">{t.inbox.title}</h1>
              <InboxFilter t={t} offers={offers} offerId={filter.offerId} status={filter.status} keep={queueParams} />
            </div>
            {steps && !(steps.settings && steps.offer && steps.team) && <OnboardingCard t={t} companyName={ctx.company.name} steps={steps} />}
            <QueueTabs t={t} current={queue} counts={counts} />
            {page.rows.length > 0 && <BulkBar t={t} />}
            {/* The list stands even when empty, so the first application arrives live; CSS shows the empty state then. */}
            <ul class="inbox-list" data-inbox data-row-url={filtered || filter.cursor ? undefined : "/admin/inbox-rows/{id}"}>
              {page.rows.map((row) => (
                <InboxItem t={t} row={row} offerTitle={titles.get(row.offerId) ?? ""} />
              ))}
            </ul>
            <p class="empty-state">{filtered ? t.inbox.emptyFiltered : t.inbox.empty}</p>
            <nav class="pager">
              {newestHref && <a href={newestHref}>{t.inbox.newest}</a>}
              {olderHref && (
                <a class="pager__older" href={olderHref} rel="next">
                  {t.inbox.older} →
                </a>
              )}
            </nav>
          </section>
          <aside class="split__side">
            <NotificationsPanel
              t={t}
              unread={ctx.notifications.unread}
              items={ctx.notifications.rows.map((n) => ({
                ...n,
                subject: { authorKind: n.authorKind, authorName: n.authorName, candidateName: n.candidateName, preview: n.preview },
              }))}
            />
            {offers.length > 0 && (
              <section class="panel" aria-labelledby="add-candidate-title">
                <h2 id="add-candidate-title">{t.addCandidate.title}</h2>
                <AddCandidateForm t={t} offers={offers} values={{ offerId: filter.offerId }} />
              </section>
            )}
          </aside>
        </div>,
      ),
    );
  })
  .post("/onboarding/dismiss", async (c) => {
    const ctx = await adminContext(c);
    await endOnboarding(ctx.db, ctx.admin.companyId);
    return seeOther(c, "/admin");
  })
  // The queue tabs as HTML, for the live client to refresh their counts (the query says which tab is current).
  .get("/queues", async (c) => {
    const ctx = await adminContext(c);
    const [queues] = await ctx.db.batch([ctx.scope.queueCountsQuery(ctx.admin.id)]);
    c.header("Cache-Control", "private, no-store");
    return c.html(<QueueTabs t={ctx.t} current={queueOf(inboxQuery.parse(c.req.query()))} counts={queueCountsOf(queues)} />);
  })
  // One inbox row as HTML, for the live client to insert or refresh (same markup as the page).
  .get("/inbox-rows/:id", async (c) => {
    const applicationId = idParam(c.req.param("id"));
    const ctx = await adminContext(c);
    const row = applicationId === null ? undefined : (await ctx.scope.inbox(ctx.admin.id, { applicationId })).rows[0];
    if (!row) return c.body(null, 404);
    const offer = await ctx.scope.offer(row.offerId);
    c.header("Cache-Control", "private, no-store");
    return c.html(<InboxItem t={ctx.t} row={row} offerTitle={offer?.title ?? ""} />);
  })
  .post("/notifications/read", async (c) => {
    await committed(c, markNotificationsRead(c.env, currentAdmin(c)));
    return seeOther(c, "/admin#notifications");
  })
  // A conversation's entry in the panel: all its notifications read at once (as opening it would).
  .post("/applications/:id/notifications/read", async (c) => {
    const applicationId = idParam(c.req.param("id"));
    if (applicationId !== null) await committed(c, markReadByAdmin(c.env, currentAdmin(c), applicationId));
    return seeOther(c, "/admin#notifications");
  })
  .post("/notifications/:id/read", async (c) => {
    const notificationId = idParam(c.req.param("id"));
    // Scoped by admin inside: someone else's notification id changes nothing.
    if (notificationId !== null) await committed(c, markNotificationsRead(c.env, currentAdmin(c), notificationId));
    return seeOther(c, "/admin#notifications");
  });

/** The queue tab a filter is, if it is exactly one (an offer filter on top still counts as its queue). */
function queueOf(filter: { assignee?: string | number; waitingOn?: string; status?: string }): Queue | null {
  const given: Record<string, string> = {
    ...(filter.assignee !== undefined ? { assignee: String(filter.assignee) } : {}),
    ...(filter.waitingOn ? { waitingOn: filter.waitingOn } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const same = (a: Record<string, string>) => Object.keys(a).length === Object.keys(given).length && Object.entries(a).every(([k, v]) => given[k] === v);
  return (Object.keys(QUEUES) as Queue[]).find((q) => same(QUEUES[q])) ?? null;
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}
