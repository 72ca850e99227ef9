// Owners and queues (CONTRACT.md "The team"): an assignee per application, told when given one; whose turn it is;
// the inbox filtered by both.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";
import { deliver, fill, outboxOf } from "../email/inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
let jana: number;
let petr: number;
let eva: number;
beforeAll(async () => {
  world = await demoWorld();
  jana = world.acme.adminIds["jana@acme.example"]!;
  petr = world.acme.adminIds["petr@acme.example"]!;
  eva = world.globex.adminIds["eva@globex.example"]!;
});

const apply = async (email: string, message?: string) =>
  (await json(await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: `Kandidát ${email}`, email, ...(message ? { message } : {}) } })))
    .applicationId as number;
const assign = (id: number, assigneeId: number | null, cookie = world.jana) => call(`/api/applications/${id}`, { method: "PATCH", cookie, json: { assigneeId } });
/** The ids the filtered inbox lists, of those given (earlier tests of this file left conversations of their own). */
const inbox = async (query: string, cookie = world.jana, among?: number[]) =>
  ((await json(await call(`/api/applications?${query}`, { cookie }))).applications as { id: number }[]).map((a) => a.id).filter((id) => !among || among.includes(id));

describe("assignee", () => {
  it("is set and cleared, shown in both views, and the new assignee is notified once", async () => {
    const id = await apply("owner-1@example.net", "Dobrý den");
    const res = await assign(id, petr);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id, assignee: { id: petr, name: "Petr Svoboda" }, waitingOn: "company" });
    const row = (await json(await call("/api/applications", { cookie: world.jana }))).applications.find((a: { id: number }) => a.id === id);
    expect(row).toMatchObject({ assignee: { id: petr, name: "Petr Svoboda" }, waitingOn: "company" });
    expect(await assign(id, petr).then((r) => r.status)).toBe(200); // the same again changes nothing
    const assigned = (await json(await call("/api/notifications", { cookie: world.petr }))).notifications.filter(
      (n: { kind: string; applicationId: number }) => n.kind === "assigned" && n.applicationId === id,
    );
    expect(assigned).toHaveLength(1);
    // Taking it oneself tells nobody.
    await assign(id, jana);
    const own = (await json(await call("/api/notifications", { cookie: world.jana }))).notifications.filter((n: { kind: string }) => n.kind === "assigned");
    expect(own).toHaveLength(0);
    expect(await json(await assign(id, null))).toMatchObject({ assignee: null });
  });

  it("refuses another company's admin or an unknown id with 400, and another company's application with 404", async () => {
    const id = await apply("owner-2@example.net");
    for (const assigneeId of [eva, 999999]) {
      const res = await assign(id, assigneeId);
      expect(res.status).toBe(400);
      expect((await json(res)).error).toBe("unknown_admin");
    }
    for (const body of [{}, { assigneeId: "petr" }, { assigneeId: -1 }]) {
      expect((await call(`/api/applications/${id}`, { method: "PATCH", cookie: world.jana, json: body })).status).toBe(400);
    }
    expect((await assign(id, eva, world.eva)).status).toBe(404);
    expect((await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).assignee).toBeNull();
  });

  it("settles parallel changes: the last one stands, and each assignee it names is notified at most once", async () => {
    const id = await apply("owner-3@example.net");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => assign(id, i % 2 ? petr : jana, world.jana)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const { assignee } = await json(await call(`/api/applications/${id}`, { cookie: world.jana }));
    expect([jana, petr]).toContain(assignee.id);
    const petrs = (await json(await call("/api/notifications", { cookie: world.petr }))).notifications.filter(
      (n: { kind: string; applicationId: number }) => n.kind === "assigned" && n.applicationId === id,
    );
    // Each change to Petr (from Jana) notified him; never more than there were changes.
    expect(petrs.length).toBeGreaterThanOrEqual(assignee.id === petr ? 1 : 0);
    expect(petrs.length).toBeLessThanOrEqual(6);
  });
});

describe("queues", () => {
  it("filters by assignee (me, none, id) and by whose turn it is", async () => {
    const mine = await apply("queue-1@example.net", "Mám zájem");
    const petrs = await apply("queue-2@example.net", "Mám zájem");
    const answered = await apply("queue-3@example.net", "Mám zájem");
    const silent = await apply("queue-4@example.net");
    await assign(mine, jana);
    await assign(petrs, petr);
    await call(`/api/applications/${answered}/messages`, { cookie: world.jana, json: { body: "Dobrý den, kdy se vám hodí hovor?" } });
    // A note or a system line does not change whose turn it is.
    await call(`/api/applications/${answered}/notes`, { cookie: world.jana, json: { body: "Čekáme na ni" } });

    const ours = [mine, petrs, answered, silent];
    expect(await inbox("assignee=me", world.jana, ours)).toEqual([mine]);
    expect(await inbox("assignee=me", world.petr, ours)).toEqual([petrs]);
    expect(await inbox(`assignee=${petr}`, world.jana, ours)).toEqual([petrs]);
    expect(await inbox("assignee=none", world.jana, ours)).toEqual([answered, silent]);
    expect(await inbox("waitingOn=company", world.jana, ours)).toEqual([petrs, mine]);
    expect(await inbox("waitingOn=candidate", world.jana, ours)).toEqual([answered]);
    expect((await json(await call(`/api/applications/${silent}`, { cookie: world.jana }))).waitingOn).toBeNull();
    expect(await inbox("assignee=none&waitingOn=candidate", world.jana, ours)).toEqual([answered]);

    // The candidate answers by email: it is the company's turn again.
    const to = (await outboxOf(answered, "candidate_message"))[0]!.replyTo!;
    const raw = fill(["From: queue-3@example.net", "To: {{TO}}", "Subject: Re", "Message-ID: {{MSGID}}", "", "Ve středu.", ""].join("\n"), { from: "queue-3@example.net", to });
    await deliver(raw, { from: "queue-3@example.net", to });
    expect(await inbox("waitingOn=company", world.jana, ours)).toEqual([answered, petrs, mine]);

    for (const bad of ["assignee=someone", "waitingOn=us", "assignee=0"]) expect((await call(`/api/applications?${bad}`, { cookie: world.jana })).status).toBe(400);
    // Another company's admin id finds nothing of theirs here.
    expect(await inbox(`assignee=${eva}`)).toEqual([]);
  });
});

describe("queue counts", () => {
  /** The counts the inbox's queue tabs show, from the page. */
  const tabs = async (cookie = world.jana) => {
    const page = await (await call("/admin", { cookie })).text();
    const count = (label: string) => Number(new RegExp(`>${label}<span class="queues__count">(\\d+)<`).exec(page)?.[1]);
    return { mine: count("Moje"), unassigned: count("Nepřiřazené"), waitingOnUs: count("Čeká na nás"), waitingOnCandidate: count("Čeká na kandidáta") };
  };
  /** The same, counted from the API's filtered lists (what the tabs must agree with). */
  const listed = async (cookie = world.jana) => {
    const all = async (query: string) => {
      let n = 0;
      let cursor: string | null = "";
      while (cursor !== null) {
        const page: { applications: unknown[]; nextCursor: string | null } = await json(await call(`/api/applications?${query}${cursor ? `&cursor=${cursor}` : ""}`, { cookie }));
        n += page.applications.length;
        cursor = page.nextCursor;
      }
      return n;
    };
    return {
      mine: await all("assignee=me"),
      unassigned: await all("assignee=none"),
      waitingOnUs: await all("waitingOn=company&status=active"),
      waitingOnCandidate: await all("waitingOn=candidate&status=active"),
    };
  };

  it("agree with the lists through assigning, answering, rejecting, reopening and erasing", async () => {
    const a = await apply("count-1@example.net", "Dobrý den");
    const b = await apply("count-2@example.net", "Dobrý den");
    expect(await tabs()).toEqual(await listed());
    await assign(a, jana);
    await call(`/api/applications/${b}/messages`, { cookie: world.jana, json: { body: "Děkujeme, ozveme se." } });
    expect(await tabs()).toEqual(await listed());
    await call(`/api/applications/${a}/reject`, { method: "POST", cookie: world.jana });
    expect(await tabs()).toEqual(await listed());
    await call(`/api/applications/${a}/reopen`, { method: "POST", cookie: world.jana });
    await assign(a, petr);
    expect(await tabs()).toEqual(await listed());
    expect(await tabs(world.petr)).toEqual(await listed(world.petr));
    expect((await call(`/api/applications/${b}/erase`, { cookie: world.jana, json: {} })).status).toBeLessThan(300);
    expect(await tabs()).toEqual(await listed());
  });
});
