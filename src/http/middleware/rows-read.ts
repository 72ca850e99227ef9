import type { MiddlewareHandler } from "hono";
import { meterRowsRead, type RowsReadMeter } from "../../db/rows-read-meter";
import type { AppContext } from "../types";

/**
 * Development only, on request (`X-Measure-D1: 1`): answers with the D1 rows this request read and the D1 calls it
 * made before it answered, for benchmarks.
 */
export const rowsReadHeader: MiddlewareHandler<AppContext> = async (c, next) => {
  if (c.env.ENVIRONMENT !== "development" || c.req.header("X-Measure-D1") !== "1") return next();
  const meter: RowsReadMeter = { rowsRead: 0, queries: 0, roundTrips: 0 };
  c.env = { ...c.env, DB: meterRowsRead(c.env.DB, meter) };
  await next();
  c.res.headers.set("X-D1-Rows-Read", String(meter.rowsRead));
  c.res.headers.set("X-D1-Queries", String(meter.queries));
  c.res.headers.set("X-D1-Round-Trips", String(meter.roundTrips));
};
