import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppContext } from "../types";
import { jsonError } from "../errors";

/** Strict CSP: only our own scripts and styles; nothing user-supplied can run. */
export const securityHeaders = secureHeaders({
  // Routes that need a stricter policy (the dev mailbox's sandboxed email HTML) set their own.
  overwrite: false,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "same-origin",
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF for every unsafe request, forms and JSON alike (hono/csrf looks at form content types only):
 * a browser always names the page's origin, so any other origin — or a cross-site fetch — is refused.
 */
export function sameOriginOnly(): MiddlewareHandler<AppContext> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // A page of another site cannot set this header (no CORS here), and a token is never sent on its own.
    if (/^Bearer\s/i.test(c.req.header("Authorization") ?? "")) return next();
    if (!isSameOrigin(c.req.raw.headers, c.env.APP_URL)) {
      return jsonError(c, 403, "cross_origin", "This request came from another site and was refused.");
    }
    return next();
  };
}

export function isSameOrigin(headers: Headers, appUrl: string): boolean {
  const allowed = new URL(appUrl).origin;
  const origin = headers.get("Origin");
  if (origin !== null) return origin === allowed;
  if (headers.get("Sec-Fetch-Site") === "cross-site") return false;
  const referer = headers.get("Referer");
  if (referer) {
    try {
      return new URL(referer).origin === allowed;
    } catch {
      return false;
    }
  }
  return true; // not a browser: CSRF needs one
}
