/** The CLI's version: `version` in package.json, the one place it is kept. */
import { readFileSync } from "node:fs";

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return `dp-autoscaler ${pkg.version}`;
}
