// Yardstick: parse with postal-mime, insert one D1 row. No routing, no checks, no R2, no fan-out, no outbox.
import PostalMime from "postal-mime";

interface Env {
  DB: D1Database;
}

// D1 calls per email, for emails carrying the MIME header `X-Bench-Measure-D1: 1` (by Message-ID), read back at
// `GET /__bench/email-meter?id=` like the project's metered build (bench/lib/metered-email-entry.ts).
const meters = new Map<string, { roundTrips: number }>();

export default {
  async email(message: ForwardableEmailMessage, env: Env): Promise<void> {
    const email = await PostalMime.parse(message.raw);
    const meter = { roundTrips: 0 };
    const id = message.headers.get("Message-ID");
    if (id && message.headers.get("X-Bench-Measure-D1") === "1") meters.set(id, meter);
    meter.roundTrips += 1;
    await env.DB.prepare("INSERT INTO inbound (message_id, sender, subject, body, attachments, received_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(email.messageId ?? null, message.from, email.subject ?? null, email.text ?? "", email.attachments.length, Date.now())
      .run();
  },
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/email-meter") return Response.json(meters.get(url.searchParams.get("id") ?? "") ?? null);
    if (url.pathname === "/count") {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM inbound").first<{ n: number }>();
      return Response.json({ count: row?.n ?? 0 });
    }
    return new Response("bench yardstick (inbound)");
  },
};
