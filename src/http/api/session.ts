import { Hono } from "hono";
import { z } from "zod";
import { logIn } from "../../accounts/login";
import { endSession } from "../../accounts/sessions";
import { database } from "../../db/client";
import { jsonError } from "../errors";
import { requireAdmin } from "../middleware/session";
import { clearSessionCookie, writeSessionCookie } from "../session-cookie";
import type { AppContext } from "../types";
import { signupFields, valid } from "../validation";
import { signUp } from "../../accounts/signup";
import { committed } from "../commit";

/** Sign-up: a company and its first admin, who confirms the address by the emailed link before signing in. */
export const signupApi = new Hono<AppContext>().post("/", valid("json", signupFields), async (c) => {
  const made = await committed(c, signUp(c.env, { ...c.req.valid("json"), ip: c.req.header("CF-Connecting-IP") ?? null }));
  return c.json({ admin: { id: made.adminId, companyId: made.companyId }, confirmationSent: true }, 201);
});

export const sessionApi = new Hono<AppContext>()
  .post("/", valid("json", z.object({ email: z.string().max(254), password: z.string().max(1000) })), async (c) => {
    const { email, password } = c.req.valid("json");
    const result = await logIn(database(c.env.DB), c.env.LINK_SECRET, { email, password, ip: c.req.header("CF-Connecting-IP") ?? null });
    if (!result.ok && result.reason === "rate_limited") {
      c.header("Retry-After", String(result.retryAfter));
      return jsonError(c, 429, "rate_limited", `Too many failed sign-ins. Try again in ${Math.ceil(result.retryAfter / 60)} minutes.`);
    }
    if (!result.ok && result.reason === "email_unconfirmed") {
      return jsonError(c, 403, "email_unconfirmed", "Confirm your email address first: open the link in the email we sent you.");
    }
    if (!result.ok) return jsonError(c, 401, "invalid_credentials", "Wrong email or password.");
    writeSessionCookie(c, result.token);
    return c.json({ admin: result.admin });
  })
  .delete("/", requireAdmin, async (c) => {
    await endSession(database(c.env.DB), c.get("session")!.tokenHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
