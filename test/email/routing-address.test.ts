import { describe, expect, it } from "vitest";
import { findRoutingTarget, readRoutingAddress, routingAddress, type RoutingTarget } from "../../src/email/routing-address";

const secret = "test-reply-secret-0123456789abcdef";
const domain = "reply.jobs.example";
const toCandidate: RoutingTarget = { applicationId: 42, recipient: { kind: "candidate" } };
const toAddress: RoutingTarget = { applicationId: 7, recipient: { kind: "address", addressId: 3 } };

/** Replaces one dot-separated field of the local part, keeping the rest (the MAC included). */
function withField(address: string, index: number, value: string): string {
  const [local = "", host = ""] = address.split("@");
  const fields = local.split(".");
  fields[index] = value;
  return `${fields.join(".")}@${host}`;
}

describe("routing addresses", () => {
  it("round-trips both recipient kinds", async () => {
    for (const target of [toCandidate, toAddress]) {
      const address = await routingAddress(secret, domain, target);
      expect(address.endsWith(`@${domain}`)).toBe(true);
      expect(await readRoutingAddress(secret, domain, address)).toEqual(target);
    }
  });

  it("uses only characters that survive lower-casing", async () => {
    const address = await routingAddress(secret, domain, toAddress);
    expect(address).toMatch(/^[a-z0-9.]+@reply\.jobs\.example$/);
  });

  it("survives an upper-cased address, angle brackets and a different-case domain", async () => {
    const address = await routingAddress(secret, domain, toCandidate);
    expect(await readRoutingAddress(secret, domain, address.toUpperCase())).toEqual(toCandidate);
    expect(await readRoutingAddress(secret, "REPLY.jobs.example", ` <${address}> `)).toEqual(toCandidate);
  });

  it("keeps the local part within 64 characters for the largest ids", async () => {
    const big = Number.MAX_SAFE_INTEGER;
    const address = await routingAddress(secret, domain, { applicationId: big, recipient: { kind: "address", addressId: big } });
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(await readRoutingAddress(secret, domain, address)).toEqual({ applicationId: big, recipient: { kind: "address", addressId: big } });
  });

  it("rejects a tampered application id, recipient, key version or MAC", async () => {
    const address = await routingAddress(secret, domain, toAddress);
    const tampered = [
      withField(address, 0, "r8"),
      withField(address, 1, "a4"),
      withField(address, 1, "c"),
      withField(address, 2, "2"),
      withField(
        address,
        3,
        address
          .split("@")[0]!
          .split(".")[3]!
          .replace(/.$/, (c) => (c === "0" ? "1" : "0")),
      ),
      withField(address, 3, "deadbeef"),
    ];
    for (const forged of tampered) expect(await readRoutingAddress(secret, domain, forged), forged).toBeNull();
  });

  it("rejects another domain, another secret and garbage", async () => {
    const address = await routingAddress(secret, domain, toCandidate);
    expect(await readRoutingAddress(secret, "jobs.example", address)).toBeNull();
    expect(await readRoutingAddress("another-secret-0123456789abcdef", domain, address)).toBeNull();
    for (const junk of ["", "jobs@acme.example", `@${domain}`, `hello@${domain}`, `r1.c.1@${domain}`]) {
      expect(await readRoutingAddress(secret, domain, junk)).toBeNull();
    }
  });

  it("finds the first valid address among several", async () => {
    const first = await routingAddress(secret, domain, toAddress);
    const second = await routingAddress(secret, domain, toCandidate);
    expect(await findRoutingTarget(secret, domain, ["jobs@acme.example", first, second])).toEqual(toAddress);
    expect(await findRoutingTarget(secret, domain, ["jobs@acme.example"])).toBeNull();
  });
});
