// Guard statements: a batch writes everything or nothing, decided inside the transaction.
import { env } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApplication } from "../../src/db/applications";
import { database } from "../../src/db/client";
import { guard, isGuardFailure } from "../../src/db/guard";
import { rawBatch } from "../../src/db/raw-batch";
import { applications, batchGuards, candidates, companies } from "../../src/db/schema";
import { newApplication } from "../support/records";

const db = database(env.DB);

async function newOffer() {
  const { companyId, offerId } = await newApplication();
  return { companyId, offerId };
}

describe("guard()", () => {
  it("fails the whole batch when its condition is false, and is recognised as such", async () => {
    const { companyId } = await newOffer();
    const attempt = rawBatch(env.DB, [sql`UPDATE ${companies} SET name = 'changed' WHERE id = ${companyId}`, guard(sql`1 = 0`)]);
    const error = await attempt.catch((e: unknown) => e);
    expect(isGuardFailure(error)).toBe(true);
    expect((await db.select().from(companies).where(eq(companies.id, companyId)))[0]!.name).not.toBe("changed");
    expect(await db.select().from(batchGuards)).toEqual([]);
  });

  it("lets the batch through when its condition holds, and leaves no row of its own", async () => {
    const { companyId } = await newOffer();
    await rawBatch(env.DB, [guard(sql`EXISTS (SELECT 1 FROM ${companies} WHERE id = ${companyId})`), sql`UPDATE ${companies} SET name = 'kept' WHERE id = ${companyId}`]);
    expect((await db.select().from(companies).where(eq(companies.id, companyId)))[0]!.name).toBe("kept");
    expect(await db.select().from(batchGuards)).toEqual([]);
  });

  it("createApplication: the second application of one address to one offer fails its batch; the first stays alone", async () => {
    const { companyId, offerId } = await newOffer();
    const spec = { companyId, offerId, name: "Ada", email: "ada@example.net", source: "applied" as const, now: Date.now() };
    await rawBatch(env.DB, createApplication(spec).statements);
    const again = await rawBatch(env.DB, createApplication({ ...spec, name: "Ada Again" }).statements).catch((e: unknown) => e);
    expect(isGuardFailure(again)).toBe(true);
    const ofAda = await db.select().from(applications).where(eq(applications.offerId, offerId));
    expect(ofAda.filter((a) => a.candidateEmail === "ada@example.net")).toHaveLength(1);
    expect((await db.select().from(candidates).where(eq(candidates.email, "ada@example.net"))).filter((c) => c.companyId === companyId).map((c) => c.name)).toEqual(["Ada"]);
  });
});
