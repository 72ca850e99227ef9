import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema";

// Failures counted per account and per client IP within a fixed window; either limit blocks further tries.
const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { email: 5, ip: 20 } as const;

function keys(email: string, ip: string | null) {
  return [{ key: `email:${email}`, limit: LIMITS.email }, ...(ip ? [{ key: `ip:${ip}`, limit: LIMITS.ip }] : [])];
}

/** Seconds to wait before trying again, or 0 when a login attempt may proceed. */
export async function loginRetryAfter(db: Db, email: string, ip: string | null, now = Date.now()): Promise<number> {
  const wanted = keys(email, ip);
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, wanted.map((k) => k.key)));
  let wait = 0;
  for (const row of rows) {
    const limit = wanted.find((k) => k.key === row.key)!.limit;
    const endsAt = row.windowStartedAt + WINDOW_MS;
    if (row.count >= limit && endsAt > now) wait = Math.max(wait, Math.ceil((endsAt - now) / 1000));
  }
  return wait;
}

export async function recordLoginFailure(db: Db, email: string, ip: string | null, now = Date.now()): Promise<void> {
  await db.batch(
    keys(email, ip).map(({ key }) =>
      db
        .insert(loginFailures)
        .values({ key, count: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: loginFailures.key,
          // A window that has run out starts again from this failure.
          set: {
            count: sql`CASE WHEN ${loginFailures.windowStartedAt} + ${WINDOW_MS} <= ${now} THEN 1 ELSE ${loginFailures.count} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} + ${WINDOW_MS} <= ${now} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
          },
        }),
    ) as [never, ...never[]],
  );
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, `email:${email}`));
}
