import type { Db } from "../db/client";
import { deliveryStates } from "../db/message-views";
import type { ConversationEvent } from "./events";

/** One `delivery.updated` frame per message whose emails changed, with the state over all its emails. */
export async function deliveryFrames(db: Db, messageIds: (number | null)[]): Promise<ConversationEvent[]> {
  const ids = [...new Set(messageIds.filter((id): id is number => id !== null))];
  const states = await deliveryStates(db, ids);
  return [...states].map(([messageId, state]) => ({ type: "delivery.updated", messageId, delivery: { state } }));
}
