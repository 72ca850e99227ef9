// Attachments of inbound email: stored in R2, downloadable only by their conversation's two sides.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { candidateToken } from "../../src/conversations/candidate-link";
import { attachments } from "../../src/db/schema";
import { imageSize, MAX_FILE_BYTES, selectAttachments } from "../../src/email/inbound/attachments";
import { safeFilename } from "../../src/conversations/files";
import type { ParsedEmail } from "../../src/email/inbound/parse";
import { contentDisposition } from "../../src/http/attachments";
import { env } from "cloudflare:test";
import { call, demoWorld } from "../support/http";
import { conversation, db, deliver, fill, fixture, messagesOf } from "./inbound-support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

async function filesOf(applicationId: number) {
  return db.select().from(attachments).where(eq(attachments.applicationId, applicationId));
}

describe("an emailed CV", () => {
  it("is stored with the message and downloadable by the company's admins and the candidate's link only", async () => {
    const email = "cv@example.net";
    const chat = await conversation(world, email);
    const received = await deliver(fill(fixture("attachment-cv-cs"), { from: email, to: chat.candidateAddress }), { from: email, to: chat.candidateAddress });
    expect(received.rejected).toBeNull();
    const message = (await messagesOf(chat.applicationId)).at(-1)!;
    expect(message.body).toBe("Dobrý den,\n\nv příloze posílám životopis.\n\nLukáš Procházka");
    const [file] = await filesOf(chat.applicationId);
    expect(file).toMatchObject({ messageId: message.id, filename: "Životopis Lukáš Procházka.pdf", contentType: "application/pdf" });
    expect(file!.r2Key).toMatch(/^attachments\/[0-9a-f-]{36}$/);

    const asAdmin = await call(`/admin/attachments/${file!.id}`, { cookie: world.petr });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get("Content-Type")).toBe("application/pdf");
    expect(asAdmin.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(asAdmin.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Zivotopis Lukas Prochazka.pdf"; filename*=UTF-8''%C5%BDivotopis%20Luk%C3%A1%C5%A1%20Proch%C3%A1zka.pdf`,
    );
    const bytes = new Uint8Array(await asAdmin.arrayBuffer());
    expect(bytes.byteLength).toBe(file!.size);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");

    expect((await call(`/admin/attachments/${file!.id}`, { cookie: world.eva })).status).toBe(404);
    expect((await call(`/admin/attachments/${file!.id}`)).status).toBe(302); // to the login page

    const token = await candidateToken(env.LINK_SECRET, chat.applicationId, 1);
    const asCandidate = await call(`/c/${token}/attachments/${file!.id}`);
    expect(asCandidate.status).toBe(200);
    await asCandidate.arrayBuffer();
    const other = await conversation(world, "someone-else@example.net");
    const otherToken = await candidateToken(env.LINK_SECRET, other.applicationId, 1);
    expect((await call(`/c/${otherToken}/attachments/${file!.id}`)).status).toBe(404);

    const messages = await (await call(`/api/applications/${chat.applicationId}/messages`, { cookie: world.jana })).json<{ messages: { attachments: unknown[] }[] }>();
    expect(messages.messages.at(-1)!.attachments).toEqual([{ id: file!.id, filename: file!.filename, contentType: "application/pdf", size: file!.size }]);
  });

  it("skips an inline signature logo, keeps the real attachment under a safe name, and never serves text as HTML", async () => {
    const email = "logo@example.net";
    const chat = await conversation(world, email);
    const logo = btoa(String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 31) % 256))).replace(/.{76}/g, "$&\n");
    const received = await deliver(fill(fixture("inline-signature"), { from: email, to: chat.candidateAddress, logo }), { from: email, to: chat.candidateAddress });
    expect(received.rejected).toBeNull();
    expect((await messagesOf(chat.applicationId)).at(-1)!.body).toBe("Dobrý den, posílám portfolio v příloze.\n\nLukáš");
    const files = await filesOf(chat.applicationId);
    expect(files.map((f) => [f.filename, f.contentType])).toEqual([["portfolio.txt", "text/plain"]]);
    const download = await call(`/admin/attachments/${files[0]!.id}`, { cookie: world.jana });
    expect(download.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await download.text()).toContain("https://portfolio.example.net/lukas");
  });
});

describe("selectAttachments", () => {
  const part = (filename: string, size: number, extra: Partial<ParsedEmail["attachments"][number]> = {}) => ({
    filename,
    mimeType: "application/pdf",
    disposition: "attachment" as const,
    content: new Uint8Array(size),
    ...extra,
  });
  const email = (parts: ReturnType<typeof part>[], html = ""): ParsedEmail => ({ headers: [], headerLines: [], attachments: parts, html });

  it("skips a file over the per-file limit and records which and why", () => {
    const { kept, skipped } = selectAttachments(email([part("big.pdf", MAX_FILE_BYTES + 1), part("cv.pdf", 1000)]));
    expect(kept.map((k) => k.filename)).toEqual(["cv.pdf"]);
    expect(skipped).toEqual([{ filename: "big.pdf", reason: "too_large" }]);
  });

  it("keeps files until the total limit, then records the rest", () => {
    const { kept, skipped } = selectAttachments(email([part("a.pdf", 9_000_000), part("b.pdf", 9_000_000), part("c.pdf", 9_000_000)]));
    expect(kept.map((k) => k.filename)).toEqual(["a.pdf", "b.pdf"]);
    expect(skipped).toEqual([{ filename: "c.pdf", reason: "total_too_large" }]);
  });

  it("skips tracking pixels and small inline images, keeps a large pasted screenshot", () => {
    const png = { mimeType: "image/png" };
    const parts = [
      part("pixel.gif", 43, { mimeType: "image/gif" }),
      part("logo.png", 5000, { ...png, disposition: "inline", contentId: "<logo>" }),
      part("referenced.png", 5000, { ...png, disposition: null, contentId: "<sig>" }),
      part("screenshot.png", 300_000, { ...png, disposition: "inline", contentId: "<shot>" }),
      part("photo.png", 5000, png),
    ];
    const { kept } = selectAttachments(email(parts, '<img src="cid:sig">'));
    expect(kept.map((k) => k.filename)).toEqual(["screenshot.png", "photo.png"]);
  });
});

/** A PNG of the given size in pixels: a real header, then filler (only the header is ever read). */
function png(width: number, height: number, bytes = 600): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return out;
}

describe("inline images (cid:)", () => {
  const inline = (filename: string, content: Uint8Array, contentId: string) => ({
    filename,
    mimeType: "image/png",
    disposition: "inline" as const,
    contentId: `<${contentId}>`,
    content,
  });
  const email = (parts: ReturnType<typeof inline>[], html: string): ParsedEmail => ({ headers: [], headerLines: [], attachments: parts, html });

  it("keeps a small pasted screenshot in the reply, drops the signature's logo and icons and the quoted history's images", () => {
    const html = [
      '<div dir="ltr">Tady je chyba, kterou vidím:<br><img src="cid:shot1" alt="image.png" width="320"><br>Lukáš</div>',
      '<div class="gmail_signature"><img src="cid:brand" alt="Acme"> <img src="cid:in" alt=""></div>',
      '<blockquote class="gmail_quote"><img src="cid:old" alt=""></blockquote>',
    ].join("");
    const { kept } = selectAttachments(
      email(
        [inline("image.png", png(320, 180), "shot1"), inline("acme.png", png(200, 60), "brand"), inline("in.png", png(16, 16), "in"), inline("old.png", png(400, 300), "old")],
        html,
      ),
    );
    expect(kept.map((k) => k.filename)).toEqual(["image.png"]);
  });

  it("drops an image named or described as a logo wherever it stands, and a 1×1 pixel", () => {
    const html = '<p>Dobrý den</p><img src="cid:a" alt="Company logo"><img src="cid:b"><img src="cid:c">';
    const { kept } = selectAttachments(email([inline("a.png", png(300, 80), "a"), inline("logo_small.png", png(300, 80), "b"), inline("t.png", png(1, 1), "c")], html));
    expect(kept).toEqual([]);
  });

  it("reads the size of PNG, GIF and JPEG headers", () => {
    expect(imageSize(png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x10, 0x00, 0x20, 0x00]))).toEqual({ width: 16, height: 32 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480 });
    expect(imageSize(new Uint8Array(50))).toBeNull();
  });
});

describe("safe names", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\jan\\CV.pdf", "CV.pdf"],
    ["cv\u202Efdp.exe", "cvfdp.exe"],
    ["line\r\nbreak.pdf", "line break.pdf"],
    ["...", "attachment"],
    [null, "attachment"],
    [`${"a".repeat(300)}.pdf`, `${"a".repeat(116)}.pdf`],
  ])("%j → %j", (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  it("Content-Disposition has an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition('Můj "CV"; 100%.pdf')).toBe(`attachment; filename="Muj _CV__ 100_.pdf"; filename*=UTF-8''M%C5%AFj%20%22CV%22%3B%20100%25.pdf`);
  });
});
