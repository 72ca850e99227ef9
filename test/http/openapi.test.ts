// GET /api/openapi.json documents every /api route the app has (CONTRACT.md "Integrations"); /api/docs shows it.
import { describe, expect, it } from "vitest";
import { app } from "../../src/http/app";
import { openApiPath, undocumented } from "../../src/http/api/openapi";
import { call, json } from "../support/http";

describe("OpenAPI", () => {
  it("lists every /api route, with a request schema where it takes a body", async () => {
    expect(undocumented(app.routes)).toEqual([]);
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = new Set(app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL").map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect(new Set(documented)).toEqual(routes);
    expect(doc.paths["/api/applications/{id}/notes"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("mentions");
    // The bodies are the routes' own validators: the limits they enforce are the ones documented.
    const body = (path: string, method: string) => doc.paths[path][method].requestBody?.content["application/json"].schema;
    expect(body("/api/templates", "post").required).toEqual(["name", "body"]);
    expect(body("/api/applications/{id}/notes", "post").properties.mentions.maxItems).toBe(50);
    expect(JSON.stringify(body("/api/applications/{id}/reject", "post"))).toContain("templateId");
    // Every call that takes a body documents it; the rest take none.
    const bodiless = ["read", "erasure-request", "erase", "new-link", "reopen"];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === "get" || method === "delete" || bodiless.some((end) => path.endsWith(`/${end}`))) continue;
        expect(op.requestBody, `${method} ${path}`).toBeDefined();
      }
    }
    expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
  });

  it("renders as a page", async () => {
    const page = await call("/api/docs");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("POST /api/webhooks");
    expect(text).toContain("/api/openapi.json");
  });
});
