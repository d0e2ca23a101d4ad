/**
 * Number formatting for the decision's plain-words notes. Cheap on purpose (no regex, no Intl): decide() runs every
 * simulated minute for months of traffic.
 */

/** A compact human number: "84", "84.3", "0.75" — about three significant digits, no trailing zeros. */
export function fmt(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

/** A value with its unit: "84 %", "1200 req/s", "3" (no unit). */
export function withUnit(v: number, unit: string): string {
  return unit === "" ? fmt(v) : `${fmt(v)} ${unit}`;
}

/** "1 node", "3 nodes". */
export function nodes(n: number): string {
  return n === 1 ? "1 node" : `${n} nodes`;
}
