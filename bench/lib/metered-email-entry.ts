// The inbound bench's build of the project: the project's Worker unchanged, except that an email carrying the MIME
// header `X-Bench-Measure-D1: 1` runs with the development D1 meter (src/db/rows-read-meter.ts, the one behind the
// HTTP `X-D1-Round-Trips` header) and its counts can then be read at `GET /__bench/email-meter?id=<Message-ID>`.
// wrangler's local email endpoint answers without the Worker's headers, hence this detour. Development only.
import worker from "../../src/index";
import { meterRowsRead, type RowsReadMeter } from "../../src/db/rows-read-meter";

export * from "../../src/index";

type Env = { DB: D1Database; ENVIRONMENT?: string } & Record<string, unknown>;
type Handlers = {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;
  email: (message: ForwardableEmailMessage, env: Env, ctx: ExecutionContext) => Promise<void>;
};
const inner = worker as unknown as Handlers;
const meters = new Map<string, RowsReadMeter>();

export default {
  ...(worker as object),
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/__bench/email-meter" && env.ENVIRONMENT === "development") {
      return Response.json(meters.get(url.searchParams.get("id") ?? "") ?? null);
    }
    return inner.fetch(request, env, ctx);
  },
  async email(message: ForwardableEmailMessage, env: Env, ctx: ExecutionContext): Promise<void> {
    const id = message.headers.get("Message-ID");
    if (env.ENVIRONMENT !== "development" || message.headers.get("X-Bench-Measure-D1") !== "1" || !id) return inner.email(message, env, ctx);
    const meter: RowsReadMeter = { rowsRead: 0, queries: 0, roundTrips: 0 };
    try {
      await inner.email(message, { ...env, DB: meterRowsRead(env.DB, meter) }, ctx);
    } finally {
      meters.set(id, meter);
    }
  },
};
