/**
 * Makes text that came from outside (an operator's `reason` and `requestedBy`, a data-plane node's 503 body, an AWS
 * error message) safe to put into Slack `mrkdwn`. Slack parses `<…>` as links and mentions (`<!channel>`, `<@U123>`,
 * `<https://x|click>`), so the three control characters are escaped as its docs ask; bare `@channel`/`@here` are
 * broken with a zero-width space so a pasted reason can never page a whole channel; control characters are dropped
 * and everything is cut to a length Slack accepts.
 */

/** Zero-width space: invisible, but stops Slack from seeing `@channel` as a keyword. */
const ZWSP = "\u200b";

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const BROADCASTS = /@(channel|here|everyone)\b/gi;

/**
 * Escapes `&`, `<`, `>` (in that order, so `&lt;` is not double-escaped) and neutralises broadcasts. `maxLength`
 * bounds the *escaped* text (escaping can make it five times longer, and Slack rejects a field over its limit), and the
 * cut never splits an entity.
 */
export function escapeMrkdwn(text: string, maxLength = 2000): string {
  // Cut the raw text first (cheap on huge input; escaping at most quintuples it), then again once escaped.
  const escaped = truncate(text.replace(CONTROL_CHARS, ""), maxLength)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(BROADCASTS, (_m, word: string) => `@${ZWSP}${word}`);
  if (escaped.length <= maxLength) return escaped;
  let cut = escaped.slice(0, Math.max(0, maxLength - 1));
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.includes(";", amp)) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** For one-line places (header, a field): newlines and tabs become spaces. */
export function escapeInline(text: string, maxLength = 300): string {
  return escapeMrkdwn(text.replace(/[\r\n\t]+/g, " "), maxLength);
}

/**
 * For `plain_text` objects (the header): Slack does not parse them, so only control characters, newlines and length
 * matter.
 */
export function plainText(text: string, maxLength = 150): string {
  return truncate(text.replace(CONTROL_CHARS, "").replace(/[\r\n\t]+/g, " "), maxLength);
}

/** Cuts at `maxLength` characters, marking the cut with an ellipsis. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}
