import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof connect>;

function connect(d1: D1Database) {
  return drizzle(d1, { schema });
}

// One drizzle instance per binding: building one walks the whole schema's relations, a cost every request and
// Durable Object call paid again (≈ 5 % of an inbound email's CPU time, bench/notes/inbound.md).
const instances = new WeakMap<D1Database, Db>();

export function database(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = connect(d1);
    instances.set(d1, db);
  }
  return db;
}

/** Lower-cased, trimmed email address: the form every address column stores. */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}
