import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { combinedDeliveryState } from "../db/message-views";
import { outbox } from "../db/schema";
import type { DeliveryState } from "../conversations/types";
import type { ConversationEvent } from "./events";

/**
 * One `delivery.updated` frame per message whose emails changed. A message can cause several emails (the
 * candidate, or each notification address), so its state combines all its outbox rows, not just the changed one.
 */
export async function deliveryFrames(db: Db, messageIds: (number | null)[]): Promise<ConversationEvent[]> {
  const ids = [...new Set(messageIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return [];
  const rows = await db.select({ messageId: outbox.messageId, state: outbox.state }).from(outbox).where(inArray(outbox.messageId, ids));
  const states = new Map<number, DeliveryState[]>();
  for (const row of rows) {
    if (row.messageId === null) continue;
    states.set(row.messageId, [...(states.get(row.messageId) ?? []), row.state]);
  }
  return [...states].map(([messageId, all]) => ({ type: "delivery.updated", messageId, delivery: { state: combinedDeliveryState(all) } }));
}
