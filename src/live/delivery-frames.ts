import type { Db } from "../db/client";
import { deliveryStates } from "../db/message-views";
import type { ConversationEvent } from "./events";

/** One `delivery.updated` frame per message of this application whose emails changed, with the state over all its emails. */
export async function deliveryFrames(db: Db, applicationId: number, messageIds: (number | null)[]): Promise<ConversationEvent[]> {
  const ids = messageIds.filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const states = await deliveryStates(db, { applicationId, fromId: Math.min(...ids), toId: Math.max(...ids) });
  return ids
    .filter((id, i) => ids.indexOf(id) === i && states.has(id))
    .map((messageId) => ({ type: "delivery.updated", messageId, delivery: { state: states.get(messageId)! } }));
}
