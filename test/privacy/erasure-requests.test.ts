// An erasure request from the candidate's side to its end: the candidate's address gets a link to confirm the
// request is theirs, the admins see whether it was confirmed, and a declined request tells the candidate why.
// And a leaked conversation link: a new one voids the old at once and reaches the candidate by email.
import { describe, expect, it } from "vitest";
import { conversation, sendScheduledEmails } from "../email/inbound-support";
import { linkOf } from "../security/support";
import { call, demoWorld, json } from "../support/http";
import { race, statusCounts } from "../support/race";

interface Mail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}
async function mailTo(address: string): Promise<Mail[]> {
  await sendScheduledEmails();
  return (await json<{ emails: Mail[] }>(await call("/dev/mailbox.json"))).emails.filter((m) => m.to.includes(address));
}
const requestsOf = async (cookie: string) =>
  (await json<{ requests: { applicationId: number; state: string; confirmedAt: string | null; declineReason: string | null }[] }>(await call("/api/erasure-requests", { cookie })))
    .requests;

describe("erasure requests", () => {
  it("are confirmed by the link emailed to the candidate's address, once, and only by that link", async () => {
    const w = await demoWorld();
    const email = "confirm-erasure@example.net";
    const { applicationId } = await conversation(w, email);
    const token = await linkOf(applicationId);
    expect((await call(`/api/c/${token}/erasure-request`, { method: "POST" })).status).toBe(202);
    expect((await call(`/api/c/${token}/erasure-request`, { method: "POST" })).status).toBe(202);
    const confirmations = (await mailTo(email)).filter((m) => m.text.includes("/erasure/confirm?token="));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.text).toContain("smazání");
    // It asks for an action, so it says so in its subject rather than hiding in the conversation's thread.
    expect(confirmations[0]!.subject).toMatch(/^Potvrďte žádost o smazání údajů u /);
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)).toMatchObject({ state: "open", confirmedAt: null });
    const page = await (await call(`/admin/applications/${applicationId}`, { cookie: w.jana })).text();
    expect(page).toContain("zatím nepotvrzeno");

    const link = /\/erasure\/confirm\?token=([^\s"<>]+)/.exec(confirmations[0]!.text)![1]!;
    const confirmToken = decodeURIComponent(link);
    // Opening the link (as a mail scanner would) confirms nothing: the page asks for a click.
    expect((await call(`/erasure/confirm?token=${link}`)).status).toBe(200);
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)!.confirmedAt).toBeNull();
    const forged = await call("/erasure/confirm", { form: { token: confirmToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")) } });
    expect(forged.status).toBe(400);
    const confirmed = await call("/erasure/confirm", { form: { token: confirmToken } });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('data-erasure-confirmation="confirmed"');
    expect(await (await call("/erasure/confirm", { form: { token: confirmToken } })).text()).toContain('data-erasure-confirmation="already"');
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)!.confirmedAt).toEqual(expect.any(String));
    expect(await (await call(`/admin/applications/${applicationId}`, { cookie: w.jana })).text()).toContain("data-erasure-confirmed");
  });

  it("declined with a reason: the candidate is emailed it, the request closes, another company cannot", async () => {
    const w = await demoWorld();
    const email = "decline-erasure@example.net";
    const { applicationId } = await conversation(w, email);
    const token = await linkOf(applicationId);
    await call(`/api/c/${token}/erasure-request`, { method: "POST" });
    const url = `/api/applications/${applicationId}/erasure-request/decline`;
    expect((await call(url, { cookie: w.eva, json: { reason: "Cizí firma" } })).status).toBe(404);
    expect((await call(url, { cookie: w.jana, json: { reason: "   " } })).status).toBe(400);
    expect((await call(url, { cookie: w.jana, json: { reason: "Zákon nám ukládá uchovat podklady tři roky." } })).status).toBe(200);
    expect((await call(url, { cookie: w.jana, json: { reason: "Podruhé" } })).status).toBe(404);
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)).toMatchObject({
      state: "declined",
      declineReason: "Zákon nám ukládá uchovat podklady tři roky.",
    });
    const declined = (await mailTo(email)).filter((m) => m.text.includes("Zákon nám ukládá"));
    expect(declined).toHaveLength(1);
    expect(declined[0]!.text).toContain(`/c/${token}`);
    // Closed: the confirmation link now says it was dealt with, and the panel offers no decline.
    expect(await (await call(`/admin/applications/${applicationId}`, { cookie: w.jana })).text()).not.toContain("data-erasure-requested");
    // A new request can be made after a declined one.
    expect((await call(`/api/c/${token}/erasure-request`, { method: "POST" })).status).toBe(202);
    expect((await requestsOf(w.jana)).filter((r) => r.applicationId === applicationId).map((r) => r.state)).toEqual(["open", "declined"]);
  });

  it("declined from the page keeps the request when no reason is given", async () => {
    const w = await demoWorld();
    const { applicationId } = await conversation(w, "decline-page@example.net");
    await call(`/api/c/${await linkOf(applicationId)}/erasure-request`, { method: "POST" });
    const empty = await call(`/admin/applications/${applicationId}/erasure-request/decline`, { cookie: w.jana, form: { reason: " " } });
    expect(empty.headers.get("Location")).toContain("notice=reason-missing");
    expect(await (await call(empty.headers.get("Location")!, { cookie: w.jana })).text()).toContain("Napište důvod");
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)!.state).toBe("open");
    const done = await call(`/admin/applications/${applicationId}/erasure-request/decline`, { cookie: w.jana, form: { reason: "Probíhá spor." } });
    expect(done.headers.get("Location")).toContain("notice=erasure-declined");
    expect((await requestsOf(w.jana)).find((r) => r.applicationId === applicationId)!.state).toBe("declined");
    const list = await (await call("/admin/erasure-requests", { cookie: w.jana })).text();
    expect(list).toContain("Probíhá spor.");
    expect(await (await call("/admin/erasure-requests", { cookie: w.eva })).text()).not.toContain("Probíhá spor.");
  });
});

describe("a new candidate link", () => {
  it("voids the old link at once and emails the new one", async () => {
    const w = await demoWorld();
    const email = "new-link@example.net";
    const { applicationId } = await conversation(w, email);
    const old = await linkOf(applicationId);
    expect((await call(`/api/applications/${applicationId}/new-link`, { method: "POST", cookie: w.eva })).status).toBe(404);
    const res = await call(`/api/applications/${applicationId}/new-link`, { method: "POST", cookie: w.jana });
    expect(res.status).toBe(200);
    const { url } = await json<{ url: string }>(res);
    const fresh = url.split("/c/")[1]!;
    expect(fresh).not.toBe(old);
    expect((await call(`/c/${old}`)).status).toBe(404);
    expect((await call(`/api/c/${old}/messages`)).status).toBe(404);
    expect((await call(`/c/${fresh}`)).status).toBe(200);
    const sent = (await mailTo(email)).filter((m) => m.text.includes(`/c/${fresh}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("nový odkaz");
    // From the page: the panel says it is done, and the link shown there is the newest.
    const page = await call(`/admin/applications/${applicationId}/new-link`, { cookie: w.jana, form: {} });
    expect(page.status).toBe(303);
    const panel = await (await call(page.headers.get("Location")!, { cookie: w.jana })).text();
    expect(panel).toContain("data-panel-notice");
    expect(panel).not.toContain(`/c/${fresh}"`);
  });
});

describe("at the same instant", () => {
  it("twenty requests are one request and one confirmation email; twenty declines are one decline and one email", async () => {
    const w = await demoWorld();
    const email = "race-erasure@example.net";
    const { applicationId } = await conversation(w, email);
    const token = await linkOf(applicationId);
    expect(statusCounts(await race(20, () => [`/api/c/${token}/erasure-request`, { method: "POST" }]))).toEqual({ 202: 20 });
    expect((await requestsOf(w.jana)).filter((r) => r.applicationId === applicationId)).toHaveLength(1);
    expect((await mailTo(email)).filter((m) => m.text.includes("/erasure/confirm?token="))).toHaveLength(1);

    const declines = await race(20, (i) => [`/api/applications/${applicationId}/erasure-request/decline`, { cookie: w.jana, json: { reason: `Důvod ${i}` } }]);
    expect(statusCounts(declines)).toEqual({ 200: 1, 404: 19 });
    expect((await mailTo(email)).filter((m) => m.text.includes("Důvod "))).toHaveLength(1);
  });
});
