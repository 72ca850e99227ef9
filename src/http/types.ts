import type { Context } from "hono";
import type { SignedInAdmin } from "../accounts/sessions";
import type { Env } from "../env";

/** Hono's environment for every route: bindings plus what middleware puts on the context. */
export interface AppContext {
  Bindings: Env;
  Variables: {
    admin: SignedInAdmin | null;
    sessionToken: string | null;
  };
}

/** The signed-in admin of a route behind requireAdmin / requireAdminPage. */
export function currentAdmin(c: Context<AppContext>): SignedInAdmin {
  const admin = c.get("admin");
  if (!admin) throw new Error("route is missing its requireAdmin guard");
  return admin;
}
