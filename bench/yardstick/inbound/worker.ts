// Yardstick: parse with postal-mime, insert one D1 row. No routing, no checks, no R2, no fan-out, no outbox.
import PostalMime from "postal-mime";

interface Env {
  DB: D1Database;
}

export default {
  async email(message: ForwardableEmailMessage, env: Env): Promise<void> {
    const email = await PostalMime.parse(message.raw);
    await env.DB.prepare("INSERT INTO inbound (message_id, sender, subject, body, attachments, received_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(email.messageId ?? null, message.from, email.subject ?? null, email.text ?? "", email.attachments.length, Date.now())
      .run();
  },
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === "/count") {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM inbound").first<{ n: number }>();
      return Response.json({ count: row?.n ?? 0 });
    }
    return new Response("bench yardstick (inbound)");
  },
};
