// A tiny API client for the project: JSON in/out, the session cookie, Origin on every request.
export class Client {
  constructor(server) {
    this.base = server.base;
    this.origin = server.origin;
    this.cookie = null;
  }

  headers(extra = {}) {
    return { Origin: this.origin, ...(this.cookie ? { Cookie: this.cookie } : {}), ...extra };
  }

  async request(method, path, { body, headers, expect } = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: this.headers({ ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers }),
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (expect !== undefined && res.status !== expect) {
      throw new Error(`${method} ${path} → ${res.status} (expected ${expect}): ${text.slice(0, 500)}`);
    }
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, headers: res.headers, json, text };
  }

  async signIn(email, password) {
    const res = await fetch(this.base + "/api/session", {
      method: "POST",
      headers: { Origin: this.origin, "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email} → ${res.status}: ${await res.text()}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    this.cookie = cookies.join("; ");
    return (await res.json()).admin;
  }
}

export async function seedDemo(server) {
  const res = await fetch(server.base + "/dev/seed", { method: "POST", headers: { Origin: server.origin } });
  if (!res.ok) throw new Error(`POST /dev/seed → ${res.status}: ${await res.text()}`);
  return (await res.json()).companies;
}
