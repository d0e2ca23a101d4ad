/** Where HTML reports go by default (`reports/`, ignored by git) and how they are written. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export function defaultReportPath(name: string): string {
  return resolve("reports", `${name.replace(/[^a-zA-Z0-9._-]/g, "_")}.html`);
}

export function writeReport(path: string, html: string): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, html);
  return full;
}
