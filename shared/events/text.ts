/**
 * Text that arrives from outside (an event, a request, a tag) and may end up in a log line or a Slack message: how
 * long it may be, how it is cut, and whether a person could see it at all.
 *
 * Fields with an AWS limit are refused beyond it by their schemas (a longer alarm name cannot be a real alarm's);
 * identifiers a log line keys on (correlation and message ids) are cut to `ID_MAX`; and every string the logger
 * writes is cut to `LOG_STRING_MAX` at the last moment (`shared/runtime/logger.ts`), whatever path it took.
 */

/** Ids and names the sender chose (correlation and message ids; AWS names are at most 255): longer ones are cut. */
export const ID_MAX = 255;

/** At most this many characters of any one string in a log record (a stack trace fits; a 10 MB field does not). */
export const LOG_STRING_MAX = 8192;

/** `text`, or its first `max` characters and how many more there were. Never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…(+${text.length - end} characters)`;
}

/**
 * A character a person sees: not white space, not a control or format character, not a default-ignorable code point
 * (zero-width spaces and joiners, BOM, Hangul fillers, variation selectors, tags, …), not a lone combining mark, and
 * not the blank braille pattern.
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

/** Whether `text` holds at least one character a person can see (a reason of only invisible ones says nothing). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}
