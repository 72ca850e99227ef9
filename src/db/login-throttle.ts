import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import { loginFailures } from "./schema";

// Attempts counted per account and per client IP within a fixed window; either limit blocks further tries.
// Sign-ups are counted apart (per address they would sign up, and per IP), with lower limits: each one sends mail.
const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { login: { email: 5, ip: 20 }, signup: { email: 3, ip: 10 } } as const;
export type ThrottledAction = keyof typeof LIMITS;

function keys(email: string, ip: string | null, action: ThrottledAction) {
  const prefix = action === "login" ? "" : `${action}-`;
  const limits = LIMITS[action];
  return [{ key: `${prefix}email:${email}`, limit: limits.email }, ...(ip ? [{ key: `${prefix}ip:${ip}`, limit: limits.ip }] : [])];
}

/**
 * Reserves one attempt for this account and IP before the password is checked, in one transaction: the counters go
 * up first and are read back, so parallel guesses each see the ones before them and at most the limit ever reach
 * the (slow) hash. Answers the seconds to wait, or 0 when this attempt may proceed.
 */
export async function reserveLoginAttempt(db: Db, email: string, ip: string | null, now = Date.now(), action: ThrottledAction = "login"): Promise<number> {
  const wanted = keys(email, ip, action);
  const upserts = wanted.map(({ key }) =>
    db
      .insert(loginFailures)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.key,
        // A window that has run out starts again from this attempt.
        set: {
          count: sql`CASE WHEN ${loginFailures.windowStartedAt} + ${WINDOW_MS} <= ${now} THEN 1 ELSE ${loginFailures.count} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} + ${WINDOW_MS} <= ${now} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
        },
      }),
  );
  const read = db
    .select()
    .from(loginFailures)
    .where(
      inArray(
        loginFailures.key,
        wanted.map((k) => k.key),
      ),
    );
  const [first, ...rest] = upserts;
  const results = await db.batch([first!, ...rest, read]);
  const rows = results.at(-1) as (typeof loginFailures.$inferSelect)[];
  let wait = 0;
  for (const row of rows) {
    const limit = wanted.find((k) => k.key === row.key)!.limit;
    if (row.count > limit) wait = Math.max(wait, Math.ceil((row.windowStartedAt + WINDOW_MS - now) / 1000));
  }
  return wait;
}

/** A successful sign-in: the account's failures are forgiven, and the attempt given back to the IP. */
export async function releaseLoginAttempt(db: Db, email: string, ip: string | null): Promise<void> {
  await db.batch([
    db.delete(loginFailures).where(eq(loginFailures.key, `email:${email}`)),
    db
      .update(loginFailures)
      .set({ count: sql`max(${loginFailures.count} - 1, 0)` })
      .where(eq(loginFailures.key, `ip:${ip ?? ""}`)),
  ]);
}
