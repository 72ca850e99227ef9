import type { MiddlewareHandler } from "hono";
import { adminForSession } from "../../accounts/sessions";
import { database } from "../../db/client";
import { jsonError } from "../errors";
import { readSessionCookie } from "../session-cookie";
import type { AppContext } from "../types";

/** Puts the signed-in admin (or null) on the context for every request. */
export const loadSession: MiddlewareHandler<AppContext> = async (c, next) => {
  const token = readSessionCookie(c);
  const admin = token ? await adminForSession(database(c.env.DB), token) : null;
  c.set("admin", admin);
  c.set("sessionToken", admin ? token : null);
  return next();
};

/** API guard: 401 JSON for anonymous callers. */
export const requireAdmin: MiddlewareHandler<AppContext> = async (c, next) => {
  if (!c.get("admin")) return jsonError(c, 401, "unauthenticated", "Sign in first.");
  return next();
};

/** Page guard: anonymous visitors go to the login page and come back afterwards. */
export const requireAdminPage: MiddlewareHandler<AppContext> = async (c, next) => {
  if (!c.get("admin")) return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`);
  return next();
};
