/**
 * Who is on the other end of a live socket. The Worker authenticates the upgrade and hands the result to the
 * Durable Object in one request header; the object trusts that header and nothing else. A client cannot forge
 * it: a Durable Object is reachable only through its stub inside this Worker, which overwrites the header.
 */
export type LiveIdentity = { role: "admin"; adminId: number; name: string; email: string; companyId: number } | { role: "candidate"; name: string; applicationId: number };

export const IDENTITY_HEADER = "X-Live-Identity";
// Header values must be ByteStrings, and names like "Řehoř" are not: percent-encode the JSON.
export function withIdentity(request: Request, identity: LiveIdentity): Request {
  const headers = new Headers(request.headers);
  headers.set(IDENTITY_HEADER, encodeURIComponent(JSON.stringify(identity)));
  headers.delete("Cookie"); // the session stays with the Worker that checked it
  return new Request(request, { headers });
}

export function readIdentity(request: Request): LiveIdentity | null {
  const raw = request.headers.get(IDENTITY_HEADER);
  if (!raw) return null;
  try {
    return JSON.parse(decodeURIComponent(raw)) as LiveIdentity;
  } catch {
    return null;
  }
}

/** Hibernation tags: every admin socket is "admin" and "admin:<id>", so frames can go to all admins or to one. */
export function socketTags(identity: LiveIdentity): string[] {
  return identity.role === "admin" ? ["admin", adminTag(identity.adminId)] : ["candidate"];
}

export function adminTag(adminId: number): string {
  return `admin:${adminId}`;
}

/** One person, whatever the number of tabs: typing is shown to everyone else, never back to its author. */
export function personOf(identity: LiveIdentity): string {
  return identity.role === "admin" ? adminTag(identity.adminId) : "candidate";
}
