// A page of messages as one query: each message's files and its emails' combined delivery state.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { listMessageViews } from "../../src/db/message-views";
import { attachments, outbox } from "../../src/db/schema";
import { newApplication, storeMessage } from "../support/records";

const db = database(env.DB);

async function conversationWith(emailStates: ("pending" | "sent" | "failed")[][]) {
  const { companyId, applicationId } = await newApplication();
  const now = Date.now();
  for (const [i, states] of emailStates.entries()) {
    const message = await storeMessage({ applicationId, companyId }, { authorKind: "admin", authorName: "Ann", body: `m${i}`, createdAt: now });
    for (const state of states) {
      await db.insert(outbox).values({
        companyId: companyId,
        applicationId: applicationId,
        messageId: message.id,
        kind: "new_message",
        recipientKind: "address:1",
        toAddress: `a${i}@x.example`,
        state,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
    if (i === 0) {
      for (const filename of ["b.pdf", "a.pdf"])
        await db.insert(attachments).values({ messageId: message.id, applicationId: applicationId, filename, contentType: "application/pdf", size: 10, r2Key: `k/${filename}` });
    }
  }
  return applicationId;
}

describe("a page of messages", () => {
  it("carries each message's files in order and the combined state of its emails: failed, then pending, then sent", async () => {
    const applicationId = await conversationWith([["sent", "failed"], ["sent", "pending"], ["sent", "sent"], []]);
    const views = await listMessageViews(db, applicationId, { forAdmin: true });
    expect(views.map((v) => v.delivery?.state ?? null)).toEqual(["failed", "pending", "sent", null]);
    expect(views[0]!.attachments.map((a) => a.filename)).toEqual(["b.pdf", "a.pdf"]);
    expect(views[1]!.attachments).toEqual([]);
  });

  it("tells candidates nothing of delivery", async () => {
    const applicationId = await conversationWith([["failed"]]);
    const [view] = await listMessageViews(db, applicationId, { forAdmin: false });
    expect(view!.delivery).toBeUndefined();
  });
});
