/**
 * What the HTML report inlines: uPlot's minified build and stylesheet (from node_modules, read at render time so the
 * report always matches the installed version) and the report's own browser script. Read once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface ReportAssets {
  uplotJs: string;
  uplotCss: string;
  clientJs: string;
  uplotVersion: string;
}

let cached: ReportAssets | undefined;

export function reportAssets(): ReportAssets {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const read = (specifier: string) => readFileSync(require.resolve(specifier), "utf8");
  const pkg = JSON.parse(read("uplot/package.json")) as { version: string };
  cached = {
    uplotJs: read("uplot/dist/uPlot.iife.min.js"),
    uplotCss: read("uplot/dist/uPlot.min.css"),
    clientJs: readFileSync(new URL("./client/report-client.js", import.meta.url), "utf8"),
    uplotVersion: pkg.version,
  };
  return cached;
}
