import { describe, expect, it } from "vitest";
import { automaticMailReason, type InboundMailFacts } from "../../src/email/automatic-mail";

const human: InboundMailFacts = {
  headers: [
    { key: "from", value: "Jan Novák <jan@example.cz>" },
    { key: "content-type", value: "multipart/alternative; boundary=x" },
  ],
  envelopeFrom: "jan@example.cz",
  subject: "Re: Backend Engineer (TypeScript) – Acme Robotics s.r.o.",
};

function withHeader(key: string, value: string): InboundMailFacts {
  return { ...human, headers: [...human.headers, { key, value }] };
}

describe("automaticMailReason", () => {
  it("lets a person's reply through", () => {
    expect(automaticMailReason(human)).toBeNull();
    expect(automaticMailReason(withHeader("auto-submitted", "no"))).toBeNull();
    expect(automaticMailReason(withHeader("precedence", "first-class"))).toBeNull();
    expect(automaticMailReason(withHeader("return-path", "<jan@example.cz>"))).toBeNull();
  });

  it.each([
    ["auto-submitted", "auto-replied", "auto_submitted"],
    ["auto-submitted", "Auto-Generated", "auto_submitted"],
    ["x-autoreply", "yes", "x_autoreply"],
    ["x-autorespond", "vacation", "x_autorespond"],
    ["precedence", "bulk", "precedence_bulk"],
    ["precedence", "Junk", "precedence_bulk"],
    ["precedence", "list", "precedence_bulk"],
    ["precedence", "auto_reply", "precedence_bulk"],
    ["list-id", "<jobs.lists.example>", "list_id"],
    ["return-path", "<>", "empty_return_path"],
    ["return-path", "< >", "empty_return_path"],
    ["x-failed-recipients", "jan@example.cz", "failed_recipients"],
  ])("header %s: %s → %s", (key, value, reason) => {
    expect(automaticMailReason(withHeader(key, value))).toBe(reason);
  });

  it("spots delivery reports by content type", () => {
    const report = "multipart/report; report-type=delivery-status; boundary=b";
    expect(automaticMailReason({ ...human, contentType: report })).toBe("delivery_report");
    const headers = [{ key: "content-type", value: report }];
    expect(automaticMailReason({ ...human, headers })).toBe("delivery_report");
  });

  it.each(["MAILER-DAEMON@mx.example.cz", "postmaster@example.cz", "Mail Delivery System <Mailer-Daemon@mx.example>"])("sender %s → mailer_daemon", (envelopeFrom) =>
    expect(automaticMailReason({ ...human, envelopeFrom })).toBe("mailer_daemon"),
  );

  it.each([
    "Automatická odpověď: Backend Engineer (TypeScript) – Acme Robotics s.r.o.",
    "AUTOMATICKÁ ODPOVĚĎ: test",
    "Automatická odpoveď: Backend Engineer",
    "Nepřítomnost: Jan Novák",
    "Neprítomnosť v kancelárii",
    "Mimo kancelář do 15. 8.",
    "Mimo kanceláriu",
    "Out of Office: Product Designer – Globex a.s.",
    "Out of Office AutoReply: Product Designer",
    "Automatic reply: Product Designer – Globex a.s.",
    "Autoreply: hello",
    "Auto-Reply: hello",
    "Abwesenheitsnotiz: Bewerbung",
    "Automatische Antwort: Bewerbung",
    "Re: Automatic reply: Product Designer",
  ])("subject %s → out_of_office_subject", (subject) => {
    expect(automaticMailReason({ ...human, subject })).toBe("out_of_office_subject");
  });

  it.each(["Re: Backend Engineer (TypeScript) – Acme Robotics s.r.o.", "Re: my reply about the office move", "Dotaz k automatické odpovědi", ""])(
    "subject %s is a person's",
    (subject) => {
      expect(automaticMailReason({ ...human, subject })).toBeNull();
    },
  );
});
