// Deploy check: `wrangler deploy --dry-run` bundles the Worker without uploading; report its size (and gzip).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, freshState, wrangler } from "./lib/wrangler.mjs";

export async function benchDeploy() {
  const outdir = join(freshState("dist"));
  const metafile = join(outdir, "..", "dist-meta.json");
  const { stdout, stderr } = await wrangler(["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile], { timeoutMs: 180_000 });
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        files.push({ file: relative(outdir, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk(outdir);
  const code = files.filter((f) => /\.(m?js|wasm)$/.test(f.file));
  const total = code.reduce((s, f) => s + f.bytes, 0);
  const gzip = code.reduce((s, f) => s + f.gzipBytes, 0);
  // Wrangler's own "Total Upload: … / gzip: …" line, for comparison.
  const line = `${stdout}\n${stderr}`.split("\n").find((l) => l.includes("Total Upload")) ?? null;
  // Where the bytes come from: output bytes per package (node_modules/<pkg>) or per src/ folder.
  const contributors = {};
  try {
    const meta = JSON.parse(readFileSync(metafile, "utf8"));
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        const key = m ? m[1] : input.startsWith("src/") ? input.split("/").slice(0, 2).join("/") : "other";
        contributors[key] = (contributors[key] ?? 0) + bytesInOutput;
      }
    }
  } catch {}
  const top = Object.entries(contributors)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, bytes]) => ({ name, bytes }));
  console.log(`  bundle: ${(total / 1024).toFixed(1)} KiB, gzip ${(gzip / 1024).toFixed(1)} KiB${line ? ` (wrangler: ${line.trim()})` : ""}`);
  return { top, files, totalBytes: total, gzipBytes: gzip, wranglerLine: line?.trim() ?? null, outdir: relative(ROOT, outdir) };
}
