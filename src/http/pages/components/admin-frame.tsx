import type { Child } from "hono/jsx";
import type { SignedInAdmin } from "../../../accounts/sessions";
import type { PageText } from "../../../i18n/pages";
import { Document } from "./document";
import { LangSwitch } from "./lang-switch";

export type AdminSection = "inbox" | "offers" | "team" | "templates" | "inbound" | "settings";

export interface AdminFrameProps {
  t: PageText;
  title: string;
  admin: SignedInAdmin;
  companyName: string;
  unread: number;
  section?: AdminSection;
  /** This page's path, to come back to after switching language. */
  path: string;
  children?: Child;
}

/** On the results page, what was searched for, so it can be refined in place. */
function searchedFor(path: string): string {
  const url = new URL(path, "http://page.invalid");
  return url.pathname === "/admin/search" ? (url.searchParams.get("q") ?? "").slice(0, 200) : "";
}

/** Header with navigation, the live unread total and the account controls; every admin page sits inside it. */
export function AdminFrame({ t, title, admin, companyName, unread, section, path, children }: AdminFrameProps) {
  const links: [AdminSection, string, string][] = [
    ["inbox", "/admin", t.nav.inbox],
    ["offers", "/admin/offers", t.nav.offers],
    ["team", "/admin/team", t.nav.team],
    ["templates", "/admin/templates", t.nav.templates],
    ["inbound", "/admin/inbound", t.nav.inbound],
    ["settings", "/admin/settings", t.nav.settings],
  ];
  return (
    <Document t={t} title={title} client liveCompany bodyClass="admin">
      <header class="topbar">
        <a class="brand" href="/admin">
          <span class="brand__mark" aria-hidden="true">
            ◆
          </span>
          <span class="brand__company">{companyName}</span>
        </a>
        <nav class="topnav" aria-label={t.appName}>
          {links.map(([key, href, label]) => (
            <a href={href} aria-current={section === key ? "page" : undefined}>
              {label}
              {key === "inbox" && (
                <span class="badge" data-unread-total title={t.nav.unread} hidden={unread === 0}>
                  {String(unread)}
                </span>
              )}
            </a>
          ))}
        </nav>
        <search class="topsearch">
          <form method="get" action="/admin/search">
            <label class="visually-hidden" for="topsearch">
              {t.search.label}
            </label>
            <input id="topsearch" type="search" name="q" maxlength={200} placeholder={t.search.placeholder} value={searchedFor(path)} />
          </form>
        </search>
        <div class="account">
          <LangSwitch t={t} next={path} />
          <span class="account__name">{admin.name}</span>
          <form method="post" action="/logout">
            <button type="submit" class="link-button">
              {t.common.signOut}
            </button>
          </form>
        </div>
      </header>
      <main id="main" class="page">
        {children}
      </main>
    </Document>
  );
}
