/**
 * A plain assertion for fuzz properties: thousands of cases run through these checks, and vitest's `expect` costs
 * more than the code under test. The message says which invariant broke; fast-check adds the input.
 */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
}

export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
