// Builds static/plotly/plotly-ats.min.js from index.js with esbuild, as plotly.js builds its own dist bundles
// (its esbuild-config.js: an IIFE setting window.Plotly, `global` as window, target es2016), and copies plotly.js's
// licence beside it. `make plotly-bundle` runs it after `npm ci` (the versions of package-lock.json).
import { build } from "esbuild";
import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const version = require("plotly.js/package.json").version;
// the trace types registered by index.js (scatter is in plotly.js's core): ui/plotly_bundle.py reads them here
const traces = ["scatter", ...[...readFileSync("index.js", "utf8").matchAll(/^ {4}(\w+): require\(/gm)].map((m) => m[1])];
const out = "../../static/plotly/";

await build({
  entryPoints: ["index.js"],
  outfile: `${out}plotly-ats.min.js`,
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016",
  define: { global: "window", "define.amd": "false" },
  // plotly.js's registry imports maplibre-gl's stylesheet for the map traces, which this bundle has not
  loader: { ".css": "empty" },
  legalComments: "eof",
  banner: { js: `/**\n* plotly.js (ats - minified) v${version}\n* traces: ${traces.join(", ")}\n`
    + "* Copyright 2012-2026, Plotly, Inc.\n* All rights reserved.\n* Licensed under the MIT license\n*/" },
  logLevel: "info",
});
copyFileSync(require.resolve("plotly.js/LICENSE"), `${out}plotly-ats.LICENSE`);
