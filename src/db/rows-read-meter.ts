/**
 * Development-only meter of D1 rows read per request, for the benchmarks (`X-D1-Rows-Read`), and of the calls made
 * to D1 (`X-D1-Round-Trips`: a batch of many statements is one trip, `X-D1-Queries` counts its statements).
 * drizzle reads through `raw()`, which drops D1's meta, so metered reads run once more through
 * `all()` just to learn `meta.rows_read` (writes through `raw()` are not, and count no rows); never enabled in
 * production.
 */
export interface RowsReadMeter {
  rowsRead: number;
  queries: number;
  roundTrips: number;
}

export function meterRowsRead(d1: D1Database, meter: RowsReadMeter): D1Database {
  const count = (meta: { rows_read?: number } | undefined) => {
    meter.rowsRead += meta?.rows_read ?? 0;
    meter.queries += 1;
  };
  // D1 needs its own statement objects in batch(), so each proxy remembers the statement it stands for.
  const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, query: string): D1PreparedStatement => {
    // Only a read may run twice: a write through raw() (INSERT … RETURNING) would be done twice.
    const isRead = /^\s*(SELECT|WITH)\b/i.test(query);
    const proxy = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), query);
        if (prop === "all" || prop === "run") {
          return async () => {
            meter.roundTrips += 1;
            const result = await target[prop]();
            count(result.meta);
            return result;
          };
        }
        if (prop === "raw" || prop === "first") {
          return async (...args: unknown[]) => {
            meter.roundTrips += 1;
            if (isRead) count((await target.all()).meta);
            else meter.queries += 1;
            return (target[prop] as (...a: unknown[]) => unknown)(...args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => wrap(target.prepare(query), query);
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          meter.roundTrips += 1;
          const results = await target.batch(statements.map((s) => unwrapped.get(s) ?? s));
          for (const result of results) count(result.meta);
          return results;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
