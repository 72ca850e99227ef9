import { env, SELF } from "cloudflare:test";
import { startSession } from "../../src/accounts/sessions";
import { candidateToken } from "../../src/conversations/candidate-link";
import { database } from "../../src/db/client";
import { admins, applications, candidates, companies, offers } from "../../src/db/schema";

export const APP = env.APP_URL;

/** One company with two admins, an offer and an application; sessions and the candidate link ready to use. */
export async function seedCompany(name = "Acme") {
  const db = database(env.DB);
  const now = Date.now();
  const [company] = await db
    .insert(companies)
    .values({ name, contactEmail: `jobs@${name}.example`, locale: "en", createdAt: now })
    .returning();
  const adminRows = await db
    .insert(admins)
    .values(
      ["Jana", "Petr"].map((first) => ({ companyId: company!.id, email: `${first}@${name}.example`.toLowerCase(), name: `${first} ${name}`, passwordHash: "x", createdAt: now })),
    )
    .returning();
  const [offer] = await db.insert(offers).values({ companyId: company!.id, title: "Engineer", createdAt: now }).returning();
  const [candidate] = await db
    .insert(candidates)
    .values({ companyId: company!.id, name: "Řehoř Kandidát", email: `cand@${name}.example`.toLowerCase(), createdAt: now })
    .returning();
  const [application] = await db
    .insert(applications)
    .values({
      companyId: company!.id,
      offerId: offer!.id,
      candidateId: candidate!.id,
      candidateName: candidate!.name,
      candidateEmail: candidate!.email,
      source: "applied",
      lastActivityAt: now,
      createdAt: now,
    })
    .returning();
  const [jana, petr] = adminRows as [typeof admins.$inferSelect, typeof admins.$inferSelect];
  return {
    companyId: company!.id,
    applicationId: application!.id,
    jana: { ...jana, cookie: `session=${await startSession(db, env.LINK_SECRET, jana)}` },
    petr: { ...petr, cookie: `session=${await startSession(db, env.LINK_SECRET, petr)}` },
    candidateToken: await candidateToken(env.LINK_SECRET, application!.id, 1),
  };
}

/** Asks for an upgrade the way a page of ours would; override headers to be someone else. */
export function upgrade(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${APP}${path}`, { headers: { Upgrade: "websocket", Origin: APP, ...headers } });
}

/** An accepted client socket that queues every frame it receives. */
export async function connect(path: string, headers: Record<string, string> = {}) {
  const res = await upgrade(path, headers);
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade refused: ${res.status} ${await res.text()}`);
  const ws = res.webSocket;
  const frames: any[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (e) => {
    frames.push(typeof e.data === "string" && e.data.startsWith("{") ? JSON.parse(e.data) : e.data);
    waiters.splice(0).forEach((wake) => wake());
  });
  ws.accept();
  return {
    ws,
    frames,
    send: (frame: unknown) => ws.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
    /** The next frame not yet taken (waits up to `ms`). */
    async next(ms = 2_000): Promise<any> {
      const deadline = Date.now() + ms;
      while (frames.length === 0) {
        if (Date.now() > deadline) throw new Error("no frame arrived");
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 50);
        });
      }
      return frames.shift();
    },
    /** Frames that arrive within `ms`; for asserting that nothing (else) came. */
    async drain(ms = 300): Promise<any[]> {
      await new Promise((r) => setTimeout(r, ms));
      return frames.splice(0);
    },
    close: () => ws.close(1000, "done"),
  };
}
