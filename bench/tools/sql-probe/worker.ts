interface Env {
  DB: D1Database;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const sql = await request.text();
    const result = await env.DB.prepare(sql).all();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).all();
    return Response.json({
      rows: result.results.length,
      sample: result.results.slice(0, 3),
      rows_read: result.meta.rows_read,
      plan: plan.results.map((r) => (r as { detail: string }).detail),
    });
  },
};
