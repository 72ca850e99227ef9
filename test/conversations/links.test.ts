import { describe, expect, it } from "vitest";
import { linkParts } from "../../src/conversations/links";

describe("links in a message body", () => {
  it("become links, without the sentence's punctuation", () => {
    expect(linkParts("Zadání: https://acme.example/ukol?x=1&y=2. Díky!")).toEqual([
      { text: "Zadání: " },
      { text: "https://acme.example/ukol?x=1&y=2", href: "https://acme.example/ukol?x=1&y=2" },
      { text: ". Díky!" },
    ]);
    expect(linkParts("(see http://a.example/wiki/Foo_(bar))")).toEqual([
      { text: "(see " },
      { text: "http://a.example/wiki/Foo_(bar)", href: "http://a.example/wiki/Foo_(bar)" },
      { text: ")" },
    ]);
  });

  it("leave everything that is not http(s) as text, quotes and angle brackets ending a link", () => {
    expect(linkParts("javascript:alert(1) ftp://x.example mailto:a@b.example")).toEqual([{ text: "javascript:alert(1) ftp://x.example mailto:a@b.example" }]);
    expect(linkParts('<https://a.example/"onmouseover=alert(1)>')).toEqual([
      { text: "<" },
      { text: "https://a.example/", href: "https://a.example/" },
      { text: '"onmouseover=alert(1)>' },
    ]);
    expect(linkParts("")).toEqual([]);
    expect(linkParts("no links here")).toEqual([{ text: "no links here" }]);
  });
});
