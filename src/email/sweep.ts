/**
 * The cron sweep: outbox rows still pending well after they were due mean a conversation's DO
 * alarm never fired (eviction, deploy, a crash between commit and deliverSoon). Poke each such
 * room again; rows of no conversation (invitations) have no room and are delivered here directly.
 */
import { and, eq, lte } from "drizzle-orm";
import { database } from "../db/client";
import { outbox } from "../db/schema";
import type { Env } from "../env";
import { conversationRoom } from "../live/fan-out";
import { deliverDue } from "./delivery";

/** Rows due for less than this are still the alarm's job; the sweep only picks up the forgotten. */
const GRACE_MS = 60_000;
/** Bounded per run; the cron runs again in five minutes. */
const MAX_ROWS = 500;

export interface SweepResult {
  rooms: number[];
  directlyDelivered: number;
}

export async function sweepOutbox(env: Env, now = Date.now()): Promise<SweepResult> {
  const rows = await database(env.DB)
    .select({ applicationId: outbox.applicationId })
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now - GRACE_MS)))
    .limit(MAX_ROWS);
  const rooms = [...new Set(rows.map((r) => r.applicationId).filter((id): id is number => id !== null))];
  const results = await Promise.allSettled(rooms.map((id) => conversationRoom(env, id).deliverSoon(id)));
  for (const failed of results.filter((r) => r.status === "rejected")) console.error("sweep: deliverSoon failed", failed.reason);

  let directlyDelivered = 0;
  if (rows.some((r) => r.applicationId === null)) {
    // Unscoped: it may also send rows of a room poked above; the per-row claim keeps each email single.
    directlyDelivered = (await deliverDue(env, { now })).changed.length;
  }
  return { rooms, directlyDelivered };
}
