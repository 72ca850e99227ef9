import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

const dialect = new SQLiteAsyncDialect();

/**
 * Runs drizzle `sql` statements as one D1 batch (one transaction). drizzle's own batch cannot take raw
 * statements with parameters (its D1 session looks for a prepared statement they do not have), and the
 * one way in needs INSERT … SELECT and upserts that the query builder does not express.
 */
export async function rawBatch<T = Record<string, unknown>>(d1: D1Database, statements: SQL[]): Promise<T[][]> {
  const prepared = statements.map((statement) => {
    const { sql, params } = dialect.sqlToQuery(statement);
    return d1.prepare(sql).bind(...params);
  });
  const results = await d1.batch<T>(prepared);
  return results.map((r) => r.results ?? []);
}
