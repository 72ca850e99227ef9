// `next` after signing in or switching language: browsers strip tabs, newlines and leading C0 controls and spaces
// from a URL and read "\" as "/", so each of these is another site to them and must land on our own page.
import { beforeAll, describe, expect, it } from "vitest";
import { safeNext } from "../../src/http/pages/forms";
import { call, demoWorld } from "../support/http";

const APP_URL = "http://localhost:8787";
const STRIPPED = ["\t", "\n", "\r", "\u0000", "\u0001", "\u001f", " "];
const hostile = [
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "https://evil.example/",
  ...STRIPPED.flatMap((ch) => [`/${ch}/evil.example`, `/${ch}\\evil.example`, `${ch}//evil.example`, `/${ch}${ch}/evil.example`]),
  "/\t\\evil.example",
  "/%09/evil.example".replace("%09", "\t"),
];

describe("safeNext", () => {
  it.each(hostile)("keeps %j on this site", (next) => {
    const resolved = new URL(safeNext(next, APP_URL), APP_URL);
    expect(resolved.origin).toBe(APP_URL);
  });

  it("keeps a path of this site, with its query and fragment", () => {
    expect(safeNext("/admin/applications/7?x=1#message-3", APP_URL)).toBe("/admin/applications/7?x=1#message-3");
  });
});

let jana: string;
beforeAll(async () => {
  ({ jana } = await demoWorld());
});

describe("redirects", () => {
  const offSite = (res: Response) => new URL(res.headers.get("Location")!, APP_URL).origin !== APP_URL;

  it.each(hostile)("GET /login?next=%j (signed in) stays on this site", async (next) => {
    const res = await call(`/login?next=${encodeURIComponent(next)}`, { cookie: jana });
    expect(res.status).toBe(303);
    expect(offSite(res)).toBe(false);
  });

  it.each(hostile)("POST /login and POST /lang with next=%j stay on this site", async (next) => {
    const login = await call("/login", { form: { email: "petr@acme.example", password: "demo1234", next } });
    const lang = await call("/lang", { form: { lang: "en", next } });
    expect([login.status, lang.status]).toEqual([303, 303]);
    expect([offSite(login), offSite(lang)]).toEqual([false, false]);
  });
});
