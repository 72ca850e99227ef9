/// <reference types="vite/client" />
// The shape the code promises: the domain imports nothing of live fan-out or email delivery, SQL lives in
// src/db, and no module reaches itself again through its (runtime) imports.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["../src/**/*.ts", "../src/**/*.tsx", "!../src/client/**"], { query: "?raw", import: "default", eager: true });

/** Runtime imports of each module, resolved to paths like "src/db/outbox" (type-only imports left out). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(sources)) {
    const from = file.replace(/^\.\.\//, "").replace(/\.tsx?$/, "");
    const targets: string[] = [];
    for (const match of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)";/gms)) {
      if (match[1]) continue;
      const parts = from.split("/").slice(0, -1);
      for (const segment of match[2]!.split("/")) {
        if (segment === "..") parts.pop();
        else if (segment !== ".") parts.push(segment);
      }
      targets.push(parts.join("/").replace(/\.tsx?$/, ""));
    }
    graph.set(from, targets);
  }
  return graph;
}

describe("architecture", () => {
  const graph = importGraph();

  it("finds the sources it checks", () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get("src/conversations/post-message")).toContain("src/db/message-writes");
  });

  it("the domain imports nothing of live fan-out, email delivery or the after-commit step", () => {
    const offending = [...graph].flatMap(([from, targets]) =>
      from.startsWith("src/conversations/")
        ? targets.filter((t) => /^src\/(live\/|after-commit|email\/(delivery|delivery-scheduler|sweep)$)/.test(t)).map((t) => `${from} -> ${t}`)
        : [],
    );
    expect(offending).toEqual([]);
  });

  it("only src/db speaks SQL (drizzle and D1 statements)", () => {
    const speaking = Object.entries(sources)
      .filter(([file, text]) => !file.startsWith("../src/db/") && /from "drizzle-orm|\.prepare\(|rawBatch\(/.test(text))
      .map(([file]) => file);
    expect(speaking).toEqual([]);
  });

  it("has no import loop", () => {
    const loops: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "visiting") {
        loops.push([...path.slice(path.indexOf(node)), node].join(" -> "));
        return;
      }
      state.set(node, "visiting");
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(loops).toEqual([]);
  });
});
