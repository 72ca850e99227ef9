// Bundles the browser client (src/client/) into public/client.js, served as a static asset at /client.js.
// `node scripts/build-client.mjs` once, or with `--watch` next to `wrangler dev`.
import { build, context } from "esbuild";

const options = {
  entryPoints: ["src/client/main.ts"],
  outfile: "public/client.js",
  bundle: true,
  format: "iife", // a classic <script defer>, nothing global leaks
  target: "es2020",
  sourcemap: true,
  minify: !process.argv.includes("--watch"),
  logLevel: "info",
};

if (process.argv.includes("--watch")) await (await context(options)).watch();
else await build(options);
