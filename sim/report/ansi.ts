/** ANSI colour for the terminal renderers, and measuring text that may contain it. */

const ESC = String.fromCharCode(27);
/** Built from a string: a control character in a regex literal is almost always a mistake, here it is the point. */
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, "g");

export const COLOR = {
  bold: `${ESC}[1m`,
  red: `${ESC}[31m`,
  green: `${ESC}[32m`,
  yellow: `${ESC}[33m`,
  reset: `${ESC}[0m`,
} as const;

/** `text` wrapped in `code` … reset when `on`, unchanged otherwise. */
export function paint(text: string, code: string, on: boolean): string {
  return on ? `${code}${text}${COLOR.reset}` : text;
}

export function stripAnsi(text: string): string {
  return text.replace(SGR, "");
}

/** Visible columns of a rendered line (code points, ANSI escapes excluded; Braille and box characters are 1 wide). */
export function visibleWidth(line: string): number {
  return [...stripAnsi(line)].length;
}
