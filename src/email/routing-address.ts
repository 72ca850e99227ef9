/**
 * Reply routing addresses: the Reply-To of every email we send names the conversation and the
 * recipient it was sent to, signed so nobody can forge an address that posts into another thread.
 *
 *   r{applicationId base36}.{c | a{notification address id base36} | n{admin id base36}}.{key version}.{mac}@REPLY_DOMAIN
 *
 * "n" is a mentioned admin's: what they answer there becomes a note of the team, never a message to the candidate.
 *
 * Everything is lower-case letters, digits and dots, because some mail servers lower-case the
 * local part; the MAC is hex for the same reason. 96 bits of HMAC-SHA256 is far more than anyone
 * can guess, and the longest possible local part (ids up to 2^53) stays under the 64-char limit.
 */

import { hmacSha256, timingSafeEqual } from "../accounts/crypto";

export type RoutingRecipient = { kind: "candidate" } | { kind: "address"; addressId: number } | { kind: "admin"; adminId: number };

export interface RoutingTarget {
  applicationId: number;
  recipient: RoutingRecipient;
}

/** Bump (and keep verifying the old one for a while) when REPLY_SECRET is rotated. */
export const REPLY_KEY_VERSION = 1;

const MAC_HEX_CHARS = 24; // 96 bits
const LOCAL_PART = /^r([0-9a-z]{1,11})\.(c|[an][0-9a-z]{1,11})\.([0-9]{1,4})\.([0-9a-f]+)$/;

export async function routingAddress(secret: string, domain: string, target: RoutingTarget): Promise<string> {
  const signed = `${toBase36(target.applicationId)}.${recipientPart(target.recipient)}.${REPLY_KEY_VERSION}`;
  return `r${signed}.${await macHex(secret, signed)}@${domain.toLowerCase()}`;
}

/** The target an address routes to, or null if it is not a valid address of ours. */
export async function readRoutingAddress(secret: string, domain: string, address: string): Promise<RoutingTarget | null> {
  const bare = address.trim().replace(/^<|>$/g, "").toLowerCase();
  const at = bare.lastIndexOf("@");
  if (at < 0 || bare.slice(at + 1) !== domain.toLowerCase()) return null;
  const match = LOCAL_PART.exec(bare.slice(0, at));
  if (!match) return null;
  const [, app36 = "", recipient36 = "", version = "", mac = ""] = match;
  if (Number(version) !== REPLY_KEY_VERSION || mac.length !== MAC_HEX_CHARS) return null;
  const expected = await macHex(secret, `${app36}.${recipient36}.${version}`);
  if (!timingSafeEqual(mac, expected)) return null;

  const applicationId = fromBase36(app36);
  if (applicationId === null) return null;
  if (recipient36 === "c") return { applicationId, recipient: { kind: "candidate" } };
  const id = fromBase36(recipient36.slice(1));
  if (id === null) return null;
  return { applicationId, recipient: recipient36.startsWith("n") ? { kind: "admin", adminId: id } : { kind: "address", addressId: id } };
}

/** The first of the given addresses (envelope To, then To/Cc headers…) that is a valid routing address. */
export async function findRoutingTarget(secret: string, domain: string, addresses: string[]): Promise<RoutingTarget | null> {
  for (const address of addresses) {
    const target = await readRoutingAddress(secret, domain, address);
    if (target) return target;
  }
  return null;
}

function recipientPart(recipient: RoutingRecipient): string {
  if (recipient.kind === "candidate") return "c";
  return recipient.kind === "admin" ? `n${toBase36(recipient.adminId)}` : `a${toBase36(recipient.addressId)}`;
}

function toBase36(id: number): string {
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`not an id: ${id}`);
  return id.toString(36);
}

function fromBase36(text: string): number | null {
  const value = parseInt(text, 36);
  return Number.isSafeInteger(value) ? value : null;
}

async function macHex(secret: string, data: string): Promise<string> {
  const mac = await hmacSha256(secret, data);
  return Array.from(mac.subarray(0, MAC_HEX_CHARS / 2), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
