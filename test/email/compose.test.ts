import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { bareAddress, composeMime, mailDomain, parseMailbox, type OutgoingMail } from "../../src/email/compose";

const mail: OutgoingMail = {
  from: { name: "Jana Nováková (Acme Robotics s.r.o.)", addr: "notifications@jobs.example" },
  to: "jan.novak@example.cz",
  replyTo: "r1.c.1.0123456789abcdef01234567@reply.jobs.example",
  subject: "Backend Engineer (TypeScript) – Acme Robotics s.r.o. – příliš žluťoučký kůň úpěl ďábelské ódy",
  text: "Dobrý den,\npříliš žluťoučký kůň úpěl ďábelské ódy.\n\nOdkaz: http://localhost:8787/c/abc",
  html: "<p>Dobrý den,<br>příliš žluťoučký kůň úpěl ďábelské ódy.</p>",
  inReplyTo: "<first@jobs.example>",
  references: ["<zero@jobs.example>", "<first@jobs.example>"],
  headers: { "Auto-Submitted": "auto-generated", "X-Candidate-Chat": "candidate_message" },
};

describe("composeMime", () => {
  it("round-trips through postal-mime with Czech text intact", async () => {
    const raw = composeMime(mail);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from).toEqual({ name: mail.from.name, address: mail.from.addr });
    expect(parsed.to).toEqual([{ name: "", address: mail.to }]);
    expect(parsed.replyTo).toEqual([{ name: "", address: mail.replyTo }]);
    expect(parsed.text?.replace(/\r\n/g, "\n")).toBe(mail.text);
    expect(parsed.html?.replace(/\r\n/g, "\n")).toBe(mail.html);
    expect(parsed.inReplyTo).toBe("<first@jobs.example>");
    expect(parsed.references).toBe("<zero@jobs.example> <first@jobs.example>");
    expect(parsed.messageId).toMatch(/^<.+@jobs\.example>$/);
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header("auto-submitted")).toBe("auto-generated");
    expect(header("x-candidate-chat")).toBe("candidate_message");
  });

  it("writes valid 7-bit MIME with CRLF lines of at most 78 characters", () => {
    const raw = composeMime(mail);
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of raw.split("\r\n")) expect(line.length, line).toBeLessThanOrEqual(78);
    expect(raw).toContain("Content-Type: multipart/alternative");
    expect(raw).toContain("Content-Transfer-Encoding: base64");
  });

  it("uses the Message-ID it is given and omits optional headers", async () => {
    const raw = composeMime({ from: { addr: "a@jobs.example" }, to: "b@example.cz", subject: "Hi", text: "t", html: "<p>t</p>", messageId: "<own@jobs.example>" });
    const parsed = await PostalMime.parse(raw);
    expect(parsed.messageId).toBe("<own@jobs.example>");
    expect(parsed.from).toEqual({ name: "", address: "a@jobs.example" });
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.inReplyTo).toBeUndefined();
    expect(raw).not.toMatch(/^References:/m);
  });

  it("keeps header values on one line so data cannot inject headers", async () => {
    const raw = composeMime({ ...mail, subject: "Hi\r\nBcc: victim@example.cz", headers: { "X-Note": "a\nBcc: victim@example.cz" } });
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(() => composeMime({ ...mail, headers: { "Bad: Name": "x" } })).toThrow();
  });
});

describe("address helpers", () => {
  it("reads domains, bare addresses and mailboxes", () => {
    expect(mailDomain("Jobs <Notifications@Jobs.Example>")).toBe("jobs.example");
    expect(mailDomain("nobody")).toBe("");
    expect(bareAddress("Jana <Jana@Acme.example>")).toBe("jana@acme.example");
    expect(bareAddress(" jana@acme.example ")).toBe("jana@acme.example");
    expect(parseMailbox('"Acme Robotics s.r.o." <notifications@jobs.example>')).toEqual({ name: "Acme Robotics s.r.o.", addr: "notifications@jobs.example" });
    expect(parseMailbox("notifications@jobs.example")).toEqual({ addr: "notifications@jobs.example" });
  });
});
