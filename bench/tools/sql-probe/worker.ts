interface Env {
  DB: D1Database;
}

// Body: the SQL text, or JSON {"sql": "...", "params": [...]} to bind parameters like the app does.
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const text = await request.text();
    const { sql, params } = text.trimStart().startsWith("{") ? (JSON.parse(text) as { sql: string; params: unknown[] }) : { sql: text, params: [] };
    const result = await env.DB.prepare(sql)
      .bind(...params)
      .all();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all();
    return Response.json({
      rows: result.results.length,
      sample: result.results.slice(0, 3),
      rows_read: result.meta.rows_read,
      plan: plan.results.map((r) => (r as { detail: string }).detail),
    });
  },
};
