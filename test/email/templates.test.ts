import { describe, expect, it } from "vitest";
import { email as cs } from "../../src/i18n/cs/email";
import { email as en } from "../../src/i18n/en/email";
import { renderEmail, threadSubject, type EmailContent, type ThreadNames } from "../../src/email/templates";

const appUrl = "http://localhost:8787/";
const acme: ThreadNames = { offerTitle: "Backend Engineer (TypeScript)", companyName: "Acme Robotics s.r.o.", candidateName: "Jan Novák" };
const hostile: ThreadNames = { offerTitle: "<b>Boss</b>", companyName: 'Tom & Jerry "s.r.o."', candidateName: "<script>alert(1)</script>" };
const at = Date.UTC(2026, 1, 3, 13, 5);

const allKinds = (thread: ThreadNames): EmailContent[] => [
  {
    kind: "candidate_message",
    thread,
    token: "tok_1",
    authorName: "Jana Nováková",
    body: "Dobrý den,\nkdy se můžeme potkat?",
    history: [
      { authorName: "Jan Novák", body: "Zdravím, posílám přihlášku.", createdAt: at },
      { authorName: "Jana Nováková", body: "Děkujeme!\nOzveme se.", createdAt: at + 60_000 },
    ],
  },
  { kind: "new_candidate", thread, applicationId: 12, candidateEmail: "jan@example.cz", coverLetter: "Rád bych u vás pracoval." },
  { kind: "new_message", thread, applicationId: 12, authorName: thread.candidateName, body: "Hodí se mi úterý." },
  { kind: "rejected_notice", thread, token: "tok_1", contactEmail: "kariera@acme.example" },
  { kind: "nothing_found", thread, to: { kind: "candidate", token: "tok_1" } },
  { kind: "nothing_found", thread, to: { kind: "company", applicationId: 12 } },
  { kind: "invitation", inviterName: "Jana Nováková", companyName: thread.companyName, token: "inv_1", expiresAt: at },
  { kind: "webhook_disabled", url: "https://hooks.example.com/cc?a=1&b=<2>", failures: 5 },
];

describe("email templates", () => {
  it("writes a candidate message with author, message, link, reply hint and dated history oldest first", () => {
    const mail = renderEmail("cs", appUrl, allKinds(acme)[0]!);
    expect(mail.subject).toBe("Backend Engineer (TypeScript) – Acme Robotics s.r.o.");
    expect(mail.text).toContain("Jana Nováková (Acme Robotics s.r.o.) píše:\n\nDobrý den,\nkdy se můžeme potkat?");
    expect(mail.text).toContain("Odpovědět můžete přímo na tento e-mail, nebo v konverzaci na tomto odkazu:\nhttp://localhost:8787/c/tok_1");
    expect(mail.text).toContain("> Jana Nováková, 3. 2. 2026 14:06:\n> Děkujeme!\n> Ozveme se.");
    expect(mail.text).toContain("společnost Acme Robotics s.r.o. vám poslala novou zprávu k pozici Backend Engineer (TypeScript).");
    expect(mail.text.indexOf("posílám přihlášku")).toBeLessThan(mail.text.indexOf("Ozveme se"));
    expect(mail.html).toContain('<html lang="cs">');
    expect(mail.html).toContain('<a href="http://localhost:8787/c/tok_1">');
  });

  it("keeps one subject per side of an application, the same for new candidate and new message", () => {
    const [, newCandidate, newMessage] = allKinds(acme).map((c) => renderEmail("en", appUrl, c));
    expect(newCandidate!.subject).toBe("Jan Novák – Backend Engineer (TypeScript)");
    expect(newMessage!.subject).toBe(newCandidate!.subject);
    expect(threadSubject("en", "candidate", acme)).toBe("Backend Engineer (TypeScript) – Acme Robotics s.r.o.");
  });

  it("tells the company who applied, with the cover letter, link and reply hint", () => {
    const mail = renderEmail("en", appUrl, allKinds(acme)[1]!);
    expect(mail.text).toContain("Candidate: Jan Novák (jan@example.cz)");
    expect(mail.text).toContain("Cover letter:\n\nRád bych u vás pracoval.");
    expect(mail.text).toContain("http://localhost:8787/admin/applications/12");
    expect(mail.text).toContain("Reply to this email to answer the candidate");
    const without = renderEmail("cs", appUrl, { kind: "new_candidate", thread: acme, applicationId: 12, candidateEmail: "jan@example.cz" });
    expect(without.text).toContain("Přihláška je bez průvodního dopisu.");
  });

  it("sends the rejected candidate the contact address and the conversation link", () => {
    const mail = renderEmail("cs", appUrl, allKinds(acme)[3]!);
    expect(mail.text).toContain("vaše zpráva nebyla doručena");
    expect(mail.text).toContain("kariera@acme.example");
    expect(mail.text).toContain("http://localhost:8787/c/tok_1");
  });

  it("links whoever sent an empty reply to their own view", () => {
    expect(renderEmail("en", appUrl, allKinds(acme)[4]!).text).toContain("/c/tok_1");
    const company = renderEmail("en", appUrl, allKinds(acme)[5]!);
    expect(company.text).toContain("/admin/applications/12");
    expect(company.subject).toBe("Jan Novák – Backend Engineer (TypeScript)");
  });

  it("tells the admins which webhook was disabled and where to enable it again", () => {
    const mail = renderEmail("en", appUrl, allKinds(acme)[7]!);
    expect(mail.subject).toBe("Webhook disabled: https://hooks.example.com/cc?a=1&b=<2>");
    expect(mail.text).toContain("the webhook to https://hooks.example.com/cc?a=1&b=<2> is disabled: its last 5 deliveries in a row failed");
    expect(mail.text).toContain("http://localhost:8787/admin/settings/integrations");
    expect(mail.html).toContain("https://hooks.example.com/cc?a=1&#38;b=&#60;2&#62;");
    expect(renderEmail("cs", appUrl, allKinds(acme)[7]!).subject).toBe("Webhook byl vypnut: https://hooks.example.com/cc?a=1&b=<2>");
  });

  it("invites a colleague", () => {
    const mail = renderEmail("en", appUrl, allKinds(acme)[6]!);
    expect(mail.subject).toBe("Jana Nováková invited you to Acme Robotics s.r.o. on Candidate Chat");
    expect(mail.text).toContain("http://localhost:8787/invite/inv_1");
    expect(mail.text).toContain("valid until 3 Feb 2026, 14:05");
  });

  it("escapes every user value in HTML, in both locales and every kind", () => {
    for (const locale of ["cs", "en"] as const) {
      for (const content of allKinds(hostile)) {
        const mail = renderEmail(locale, appUrl, { ...content, ...("body" in content ? { body: "<img src=x onerror=alert(1)>" } : {}) } as EmailContent);
        expect(mail.html, `${locale} ${content.kind}`).not.toMatch(/<(script|b|img)\b/);
        expect(mail.html).not.toContain('"s.r.o."');
        expect(mail.text).not.toContain("&#");
      }
    }
  });

  it("never ends a sentence with a company name ending in a dot", () => {
    for (const locale of ["cs", "en"] as const) {
      for (const content of allKinds(acme)) expect(renderEmail(locale, appUrl, content).text).not.toContain("s.r.o..");
    }
  });

  it("has the same phrases in both locales", () => {
    const shape = (value: unknown): unknown => (typeof value === "object" && value ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value);
    expect(shape(en)).toEqual(shape(cs));
  });
});
