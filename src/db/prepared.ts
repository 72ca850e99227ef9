import { fillPlaceholders, QueryPromise, sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * The queries of the hot paths (an inbound email, its notification's delivery), built once per drizzle instance.
 * Drizzle builds a query's SQL again on every call, and its entity checks were a third of an inbound email's CPU
 * time (bench/notes/inbound.md). A query here is written once with `sql.placeholder(name)` for its values; each
 * use binds them, and the bound query works like the built one: awaited, or as an item of `db.batch`.
 */
export function preparedQuery<Values extends Record<string, unknown>, Query extends Preparable>(build: (db: Db) => Query) {
  const built = new WeakMap<Db, Prepared>();
  return (db: Db, values: Values): Bound<Query> => {
    let prepared = built.get(db);
    if (!prepared) {
      prepared = build(db).prepare() as Prepared;
      built.set(db, prepared);
    }
    return bind(prepared, values) as unknown as Bound<Query>;
  };
}

/** A placeholder where drizzle's `.set()` and `.values()` want SQL (they take no bare placeholder). */
export function placeholderValue(name: string) {
  return sql`${sql.placeholder(name)}`;
}

/** What drizzle's query builders offer: `prepare()`, and the result type their batch responses carry. */
export interface Preparable {
  prepare(): unknown;
  readonly _: { readonly dialect: "sqlite"; readonly result: unknown };
}

type Bound<Query extends Preparable> = PromiseLike<Query["_"]["result"]> & { readonly _: Query["_"] };

/** The part of drizzle's prepared query used here (`getQuery` and `execute` are public; `db.batch` reads the rest). */
interface Prepared {
  getQuery(): { sql: string; params: unknown[] };
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

function bind(prepared: Prepared, values: Record<string, unknown>) {
  const { sql, params } = prepared.getQuery();
  const query = { sql, params: fillPlaceholders(params, values) };
  // db.batch asks an item for its prepared query (`_prepare`) and binds the statement to `getQuery().params`;
  // a view of the one prepared query with these values is that.
  const view: Prepared = Object.create(prepared, { getQuery: { value: () => query } });
  return new BoundQuery(view, values);
}

/** Awaited like drizzle's own queries (its QueryPromise), and taken by `db.batch` like them. */
class BoundQuery extends QueryPromise<unknown> {
  constructor(
    private readonly view: Prepared,
    private readonly values: Record<string, unknown>,
  ) {
    super();
  }

  override execute(): Promise<unknown> {
    return this.view.execute(this.values);
  }

  _prepare(): Prepared {
    return this.view;
  }
}
