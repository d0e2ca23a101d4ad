/**
 * Configuration problems, each named by its path in the document in the style people read and search for:
 * `clusters[0].maxNodes: must be ≥ minNodes`.
 */
import type { z } from "zod";

/** `["clusters", 0, "maxNodes"]` → `clusters[0].maxNodes`; the empty path is the document itself. */
export function formatIssuePath(path: readonly PropertyKey[], root = "(document)"): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === "" ? root : out;
}

/** Every issue of a zod error as `path: message`, in the order zod found them. */
export function describeIssues(error: z.ZodError, root?: string): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path, root)}: ${issue.message}`);
}

/** The configuration could not be loaded or is invalid. `problems` lists every problem, one line each. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    /** Where the document came from: `DP_AUTOSCALER_CONFIG`, `ssm:/dp/config`, a file path. */
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration (${source}): ${problems.join("; ")}`);
  }
}
