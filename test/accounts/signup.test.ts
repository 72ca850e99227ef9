// Sign-up (CONTRACT.md "Companies"): a company and its first admin; the address is confirmed by the emailed link
// before the first sign-in; one address, one account, however many arrive at once.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

beforeAll(async () => {
  await demoWorld();
});

const signup = (body: Record<string, unknown>) => call("/api/signup", { json: body });
const valid = (email: string) => ({ companyName: "Initech s.r.o.", name: "Bill Lumbergh", email, password: "tps-reports-1", locale: "en" });
const confirmationLink = async (to: string) => {
  const { emails } = await json(await call("/dev/mailbox.json"));
  const mail = emails.filter((e: { to: string[]; kind: string }) => e.to.includes(to) && e.kind === "signup_confirmation").at(-1);
  return /http:\/\/localhost:8787(\/signup\/confirm\?token=[^\s"<]+)/.exec(mail.text)![1]!;
};

describe("sign-up", () => {
  it("creates the company; sign-in waits for the emailed confirmation", async () => {
    const res = await signup(valid("Bill@Initech.example"));
    expect(res.status).toBe(201);
    const signIn = () => call("/api/session", { json: { email: "bill@initech.example", password: "tps-reports-1" } });
    const refused = await signIn();
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toBe("email_unconfirmed");
    // The wrong password still says only that.
    expect((await call("/api/session", { json: { email: "bill@initech.example", password: "wrong-one-x" } })).status).toBe(401);

    const link = await confirmationLink("bill@initech.example");
    expect((await call(link.replace(/token=[^&]+/, "token=forged.abc.xyz"))).status).toBe(400);
    expect((await call(link)).status).toBe(200);
    expect((await call(link)).status).toBe(409); // used: it says so, and changes nothing
    const ok = await signIn();
    expect(ok.status).toBe(200);
    const { admin } = await json(ok);
    const cookie = ok.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(await json(await call("/api/company", { cookie }))).toMatchObject({ id: admin.companyId, name: "Initech s.r.o.", locale: "en", contactEmail: "bill@initech.example" });
    expect((await json(await call("/api/offers", { cookie }))).offers).toEqual([]);
  });

  it("gives one account per address, even to ten requests at the same instant", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => signup(valid("race@initech.example"))));
    const statuses = results.map((r) => r.status);
    // One account; the others are told it exists, or (past three tries for one address) to slow down.
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThanOrEqual(1);
    const taken = await signup({ ...valid("jana@acme.example") });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error).toBe("email_taken");
  });

  it("slows down many sign-ups from one IP", async () => {
    const fromOneIp = (i: number) => call("/api/signup", { json: valid(`ip-${i}@initech.example`), headers: { "CF-Connecting-IP": "203.0.113.7" } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fromOneIp(i)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const limited = await fromOneIp(99);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await json(limited)).error).toBe("rate_limited");
  });

  it("refuses bad input with 400 and creates nothing", async () => {
    for (const body of [
      { ...valid("a@initech.example"), password: "short" },
      { ...valid("not-an-address") },
      { ...valid("b@initech.example"), companyName: "   " },
      { ...valid("c@initech.example"), locale: "de" },
      { ...valid("d@initech.example"), name: "x".repeat(201) },
    ]) {
      const res = await signup(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call("/api/session", { json: { email: "a@initech.example", password: "short" } })).status).toBe(401);
  });

  it("works as a page without JavaScript", async () => {
    expect((await call("/signup")).status).toBe(200);
    const res = await call("/signup", { form: { ...valid("page@initech.example"), locale: "cs" } });
    expect(res.status).toBe(201);
    const sent = await res.text();
    expect(sent).toContain("page@initech.example");
    // The language can still be switched: to the same notice, a page that is safe to load again.
    expect(sent).toMatch(/<form class="lang-switch"[\s\S]*name="next" value="\/signup\/sent\?email=page%40initech.example"/);
    const switched = await call("/lang", { form: { lang: "en", next: "/signup/sent?email=page%40initech.example" } });
    expect(switched.status).toBe(303);
    expect(switched.headers.get("Location")).toBe("/signup/sent?email=page%40initech.example");
    const cookie = switched.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const english = await call("/signup/sent?email=page%40initech.example", { cookie });
    expect(english.status).toBe(200);
    const englishText = await english.text();
    expect(englishText).toContain('lang="en"');
    expect(englishText).toContain("page@initech.example");
    expect((await call("/signup/sent")).status).toBe(303);
    const hostile = await (await call(`/signup/sent?email=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(hostile).not.toContain("<script>alert(1)");
    expect(hostile).toContain("&lt;script&gt;");
    const again = await call("/signup", { form: { ...valid("page@initech.example"), locale: "cs" } });
    expect(again.status).toBe(409);
    const bad = await call("/signup", { form: { ...valid("x"), password: "1" } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('value="Initech s.r.o."');
  });
});
