import { env, SELF } from "cloudflare:test";
import { DEMO_PASSWORD, seedDemo } from "../../src/dev/seed";

export const APP = "http://localhost:8787";

export interface CallOptions {
  method?: string;
  json?: unknown;
  /** Fields of a urlencoded form; pairs, when a name repeats (checkboxes). */
  form?: Record<string, string> | [string, string][];
  /** multipart/form-data: text fields and `files` parts. */
  multipart?: { fields?: Record<string, string>; files?: File[] };
  cookie?: string | null;
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A request through the real Worker, as a browser on APP_URL would send it (Origin set unless told otherwise). */
export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  return SELF.fetch(request(path, opts), { redirect: "manual" });
}

/** The Request `call` sends. */
export function request(path: string, opts: CallOptions = {}): Request {
  const headers = new Headers(opts.headers);
  if (opts.origin !== null) headers.set("Origin", opts.origin ?? env.APP_URL);
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = new URLSearchParams(opts.form);
  } else if (opts.multipart) {
    const form = new FormData();
    for (const [key, value] of Object.entries(opts.multipart.fields ?? {})) form.append(key, value);
    for (const file of opts.multipart.files ?? []) form.append("files", file);
    body = form;
  }
  return new Request(`${APP}${path}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
}

/** Signs in through the API and returns the Cookie header value. */
export async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call("/api/session", { json: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("Set-Cookie")!;
  return cookie.split(";")[0]!;
}

export type Demo = Awaited<ReturnType<typeof seedDemo>>;

/** The demo companies (no conversation), their offers and cookies for Jana, Petr and Eva. */
export async function demoWorld() {
  const [acme, globex] = await seedDemo(env, { conversation: false });
  const [jana, petr, eva] = await Promise.all([signIn("jana@acme.example"), signIn("petr@acme.example"), signIn("eva@globex.example")]);
  return { acme: acme!, globex: globex!, jana, petr, eva };
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
