import type { Context } from "hono";
import type { SessionClaims, SignedInAdmin } from "../accounts/sessions";
import type { Env } from "../env";
import type { MessageParts } from "./uploads";

/** Hono's environment for every route: bindings plus what middleware puts on the context. */
export interface AppContext {
  Bindings: Env;
  Variables: {
    /** Who the signed session cookie names; the guards in middleware/session.ts decide whether it still holds. */
    admin: SignedInAdmin | null;
    session: SessionClaims | null;
    /** A message request's validated fields and files (http/uploads.ts `messageParts`). */
    parts?: MessageParts<unknown>;
  };
}

/** The signed-in admin of a route behind requireAdmin / requireAdminPage. */
export function currentAdmin(c: Context<AppContext>): SignedInAdmin {
  const admin = c.get("admin");
  if (!admin) throw new Error("route is missing its requireAdmin guard");
  return admin;
}

/** The session of a route behind requireSignedAdmin, for the batch that asserts it. */
export function currentSession(c: Context<AppContext>): SessionClaims {
  const session = c.get("session");
  if (!session) throw new Error("route is missing its requireSignedAdmin guard");
  return session;
}
