import { SELF } from "cloudflare:test";
import { request, type CallOptions } from "./http";

/**
 * Fires `n` requests so that they are handled at the same moment: each is its own connection into the Worker,
 * and every body is held back until all of them have been started, then released at once. That is how a
 * double-click, a retrying client or an attacker's burst arrives, and what a sequential test never shows.
 */
export async function race(n: number, make: (i: number) => [path: string, opts?: CallOptions]): Promise<Response[]> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requests = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const original = request(...make(i));
      const bytes = original.body ? new Uint8Array(await original.arrayBuffer()) : null;
      const body = bytes
        ? new ReadableStream<Uint8Array>({
            async pull(controller) {
              await gate;
              controller.enqueue(bytes);
              controller.close();
            },
          })
        : null;
      return new Request(original, { body, duplex: "half" } as RequestInit);
    }),
  );
  const responses = requests.map((r) => SELF.fetch(r, { redirect: "manual" }));
  // Let every request reach the Worker (and start waiting for its body) before any body arrives.
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  return Promise.all(responses);
}

/** How many responses had each status, e.g. { 201: 1, 409: 39 }. */
export function statusCounts(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
