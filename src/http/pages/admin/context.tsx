import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { database } from "../../../db/client";
import { companyScope } from "../../../db/company-scope";
import { currentAdmin, type AppContext } from "../../types";
import { AdminFrame, type AdminSection } from "../components/admin-frame";
import { withTimeZone } from "../format";
import { visitorText } from "../locale";

/**
 * What every admin page needs: the admin, their company's scope (the only way to read admin data), the language
 * (their choice, else the browser's, else the company's) and the unread total for the header.
 */
export async function adminContext(c: Context<AppContext>, opts: { notifications?: number } = {}) {
  const admin = currentAdmin(c);
  const db = database(c.env.DB);
  const scope = companyScope(db, admin.companyId);
  const [[company], rows, [counter]] = await db.batch([scope.companyQuery(), ...scope.notificationsQueries(admin.id, undefined, opts.notifications ?? 0)]);
  if (!company) throw new Error("the signed-in admin's company is missing");
  const notifications = { rows, unread: counter?.unread ?? 0 };
  const t = withTimeZone(visitorText(c, company.locale), company.timeZone);
  const url = new URL(c.req.url);
  const frame = (title: string, section: AdminSection | undefined, children: Child) => (
    <AdminFrame t={t} title={title} admin={admin} companyName={company.name} unread={notifications.unread} section={section} path={url.pathname + url.search}>
      {children}
    </AdminFrame>
  );
  return { admin, db, scope, company, t, notifications, frame };
}

export type AdminPageContext = Awaited<ReturnType<typeof adminContext>>;
