// format=flowed (RFC 3676): unfolding per quote depth, and reading the text part from raw MIME.
import { describe, expect, it } from "vitest";
import { decodeFlowed, flowedPlainText } from "../../src/email/reply/flowed";

const bytes = (s: string) => Uint8Array.from(s.replace(/\r?\n/g, "\r\n"), (c) => c.charCodeAt(0));

describe("decodeFlowed", () => {
  it("joins soft line breaks and keeps hard ones", () => {
    expect(decodeFlowed("Dobrý den, v úterý \ndorazím.\n\nLukáš", false)).toBe("Dobrý den, v úterý dorazím.\n\nLukáš");
  });

  it("ends a paragraph where the quote depth changes (the reply is not glued to the quote)", () => {
    expect(decodeFlowed("On 1 Dec, Martina wrote:\n> Hi \nHello", false)).toBe("On 1 Dec, Martina wrote:\n> Hi \nHello");
    expect(decodeFlowed("> one \n> two\n>> three \n>> four\n> five", false)).toBe("> one two\n>> three four\n> five");
  });

  it("removes the space of DelSp=yes and the space-stuffing", () => {
    expect(decodeFlowed("meghí \nvást\n From here", true)).toBe("meghívást\nFrom here");
  });

  it("stays fast on a long paragraph", () => {
    const started = Date.now();
    expect(decodeFlowed("word \n".repeat(200_000), false).length).toBe(1_000_000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("never flows the signature separator", () => {
    expect(decodeFlowed("Thanks \nagain.\n-- \nLukáš", false)).toBe("Thanks again.\n-- \nLukáš");
  });

  it("does not glue the signature separator to a flowed line above it", () => {
    expect(decodeFlowed("Díky \nJana \n-- \nJana Nováková", true)).toBe("DíkyJana\n-- \nJana Nováková");
    expect(decodeFlowed("> Díky \n> -- \n> Jana", false)).toBe("> Díky \n> -- \n> Jana");
  });
});

describe("flowedPlainText", () => {
  const head = "From: a@example.com\nSubject: Re: x\nMIME-Version: 1.0\n";

  it("decodes a quoted-printable, iso-8859-2 flowed part", () => {
    const raw = `${head}Content-Type: text/plain; charset=iso-8859-2; format=flowed\nContent-Transfer-Encoding: quoted-printable\n\nD=ECkuji, p=F8ijdu v =FAter=FD =\nodpoledne. \nL.\n`;
    expect(flowedPlainText(bytes(raw))).toBe("Děkuji, přijdu v úterý odpoledne. L.\n");
  });

  it("finds the text part of a multipart/alternative, base64", () => {
    const text = btoa("> Hi \nHello\n");
    const raw = `${head}Content-Type: multipart/alternative; boundary="b1"\n\n--b1\nContent-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\nContent-Transfer-Encoding: base64\n\n${text}\n--b1\nContent-Type: text/html\n\n<p>Hello</p>\n--b1--\n`;
    expect(flowedPlainText(bytes(raw))).toBe("> Hi\nHello\n");
  });

  it("leaves everything else to postal-mime", () => {
    expect(flowedPlainText(bytes(`${head}Content-Type: text/plain; charset=utf-8\n\nHello\n`))).toBeUndefined();
    const forwarded = `${head}Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; format=flowed\n\nSee below\n--b\nContent-Type: message/rfc822\n\nSubject: x\n\nbody\n--b--\n`;
    expect(flowedPlainText(bytes(forwarded))).toBeUndefined();
  });
});
