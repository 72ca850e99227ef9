// The notice at collection (GDPR Art. 13): the apply form and the first email to a candidate the company added by
// hand say who processes the data, why, for how long (the company's retention) and whom to contact; cs and en.
import { describe, expect, it } from "vitest";
import { outboxOf, sendScheduledEmails } from "../email/inbound-support";
import { html } from "../http/pages/support";
import { call, demoWorld, json } from "../support/http";

describe("notice at collection", () => {
  it("is on the apply form in the company's language", async () => {
    const w = await demoWorld();
    const acme = await html(await call(`/offers/${w.acme.offerId}`));
    expect(acme).toMatch(/data-privacy-notice[^>]*>[^<]*zpracovává Acme Robotics s\.r\.o\.[^<]*365 dní[^<]*kariera@acme\.example/);
    const globex = await html(await call(`/offers/${w.globex.offerId}`));
    expect(globex).toMatch(/data-privacy-notice[^>]*>[^<]*processed by Globex a\.s\.[^<]*365 days[^<]*careers@globex\.example/);
  });

  it("is in the first email to a manually added candidate, and only the first", async () => {
    const w = await demoWorld();
    const email = `notice-${crypto.randomUUID().slice(0, 8)}@example.net`;
    const { applicationId } = await json<{ applicationId: number }>(
      await call(`/api/offers/${w.globex.offerId}/candidates`, { cookie: w.eva, json: { name: "Nora Notice", email } }),
    );
    await call(`/api/applications/${applicationId}/messages`, { cookie: w.eva, json: { body: "Hello Nora, are you free on Tuesday?" } });
    await sendScheduledEmails();
    await call(`/api/applications/${applicationId}/messages`, { cookie: w.eva, json: { body: "And on Wednesday?" } });
    await sendScheduledEmails();
    const [first, second] = await outboxOf(applicationId, "candidate_message");
    expect(first!.textBody).toContain("processed by Globex a.s. for this hiring process");
    expect(first!.textBody).toContain("365 days");
    expect(first!.textBody).toContain("careers@globex.example");
    expect(first!.htmlBody).toContain("processed by Globex a.s.");
    expect(second!.textBody).not.toContain("processed by");
  });

  it("is not repeated in emails to a candidate who applied (the form had it)", async () => {
    const w = await demoWorld();
    const email = `notice-${crypto.randomUUID().slice(0, 8)}@example.net`;
    const { applicationId } = await json<{ applicationId: number }>(await call(`/api/offers/${w.acme.offerId}/applications`, { json: { name: "Petra Formulářová", email } }));
    await call(`/api/applications/${applicationId}/messages`, { cookie: w.jana, json: { body: "Dobrý den." } });
    await sendScheduledEmails();
    const [message] = await outboxOf(applicationId, "candidate_message");
    expect(message!.textBody).not.toContain("zpracovává");
  });
});
