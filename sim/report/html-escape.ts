/** Text into HTML, and data into an inline `<script>`, with nothing able to break out of either. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for `<script type="application/json">`: `<` becomes `\u003c` (no `</script>` or `<!--` can appear), and the
 * line separators that old parsers choke on are escaped. `JSON.parse` reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Library code inlined in a `<script>`: a literal `</script` inside it would end the element early. */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}

/** Inlined CSS: same concern for `</style`. */
export function styleSafe(css: string): string {
  return css.replace(/<\/(style)/gi, "<\\/$1");
}
