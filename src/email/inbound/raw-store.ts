/**
 * Every inbound email's raw MIME goes to R2 before anything is decided about it, refused ones
 * included: whatever the pipeline does (or fails to do), the email can be read and replayed later.
 */
import type { Env } from "../../env";

/** Email Routing's own limit on a message; anything larger never reaches the Worker. */
export const PLATFORM_MAX_BYTES = 25 * 1024 * 1024;

/** Reads the raw stream once; null when it is beyond what the platform can deliver (then it is not read at all). */
export async function readRaw(raw: ReadableStream<Uint8Array>, rawSize: number): Promise<Uint8Array | null> {
  if (rawSize > PLATFORM_MAX_BYTES) return null;
  return new Uint8Array(await new Response(raw).arrayBuffer());
}

/** Stores the raw MIME as inbound/<yyyy-mm-dd>/<uuid>.eml and returns the key. */
export async function keepRaw(env: Env, raw: Uint8Array, envelope: { from: string; to: string }, now: number): Promise<string> {
  const key = `inbound/${new Date(now).toISOString().slice(0, 10)}/${crypto.randomUUID()}.eml`;
  await env.FILES.put(key, raw, {
    httpMetadata: { contentType: "message/rfc822" },
    customMetadata: { envelopeFrom: envelope.from.slice(0, 500), envelopeTo: envelope.to.slice(0, 500) },
  });
  return key;
}
