/**
 * IAM's `StringLike` (what Lambda applies to a permission's `SourceArn`): `*` matches any run of characters, `?` any
 * one, everything else itself, case-sensitively. Enough to check which ARNs a permission admits.
 */
export function stringLikeMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${regex}$`, "s").test(value);
}
