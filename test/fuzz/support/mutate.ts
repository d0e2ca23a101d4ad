/**
 * Mutation fuzzing for JSON-shaped inputs: start from a real input (an AWS event fixture, the example config) and
 * break it the ways the outside world does — drop a field, change its type, put a huge / negative / NaN / fractional
 * number or a very long string in it, add `__proto__` / `constructor` keys, cut a string short (broken JSON in
 * `Sns.Message` / `body`). JSON documents carried in string fields are entered too: a path may go *through* a
 * string (parse, mutate inside, serialise back), so mutations reach the alarm inside an SNS message.
 *
 * Mutations are plain data (`Mutation`), so fast-check prints a failing case as the fixture's name and the list of
 * mutations, and shrinks it.
 */
import fc from "fast-check";

/** Marks a path step that parses the JSON document held in a string. */
const JSON_STEP = "@json";
type Step = string | number | typeof JSON_STEP;
type Path = Step[];

export type MutationOp = "drop" | "replace" | "insert" | "swap-type" | "truncate" | "duplicate-array-item";

export interface Mutation {
  op: MutationOp;
  /** Which path (modulo the number of paths in the value at the time the mutation applies). */
  at: number;
  /** The new value for `replace` and `insert`. */
  value: unknown;
  /** The key for `insert`. */
  key: string;
  /** Where `truncate` cuts (modulo the string's length). */
  cut: number;
}

/** Keys that have bitten JavaScript parsers: prototype pollution and inherited names. */
export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"] as const;

/** `{"__proto__": {...}}` with `__proto__` as an own key, as `JSON.parse` makes it (not the prototype setter). */
export function protoObject(inner: Record<string, unknown> = { polluted: "yes" }): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ x: inner }).replace('"x"', '"__proto__"')) as Record<string, unknown>;
}

const LONG_LENGTHS = [1_000, 70_000] as const;

/** Values that break naive code: odd numbers, odd strings, wrong containers, deep nesting. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      true,
      false,
      0,
      -0,
      -1,
      1.5,
      -2.75,
      0.1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1e308,
      -1e308,
      2 ** 53 + 2,
      1e16,
      8.7e15,
      -1e16,
      Number.MIN_VALUE,
      "",
      " ",
      "null",
      "undefined",
      "NaN",
      "-1",
      "1e400",
      "0x10",
      "{",
      "}",
      "[]",
      "{}",
      '{"a":',
      '"quoted"',
      "\u0000",
      "\ud800",
      "\u202e",
      "<!channel> <@U123> <http://x|y> &amp;",
      "__proto__",
      "constructor",
      "2019-13-45T99:99:99Z",
      "2026-01-15T12:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "+275760-09-13T00:00:00.000Z",
      "i-0a1b2c3d4e5f60718",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style payload, deliberately literal
      "${jndi:ldap://x}",
      "' OR 1=1 --",
      "../../etc/passwd",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_LENGTHS).map((n) => "x".repeat(n)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31)) },
  { weight: 1, arbitrary: fc.constant(null).map(() => protoObject()) },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ constructor: { prototype: { polluted: "yes" } } })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, [], [null], [[]], { a: { b: { c: { d: {} } } } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom<MutationOp>(
    "drop",
    "drop",
    "replace",
    "replace",
    "replace",
    "insert",
    "swap-type",
    "truncate",
    "duplicate-array-item",
  ),
  at: fc.nat(),
  value: weirdValue,
  key: keyArb,
  cut: fc.nat(),
});

/** 1–4 mutations of one of `seeds` (by name), applied in order. */
export function mutatedFrom<T>(
  seeds: Record<string, T>,
  maxMutations = 4,
): fc.Arbitrary<{ seed: string; mutations: Mutation[]; value: unknown }> {
  const names = Object.keys(seeds);
  return fc
    .record({
      seed: fc.constantFrom(...names),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: maxMutations }),
    })
    .map(({ seed, mutations }) => ({ seed, mutations, value: applyMutations(seeds[seed], mutations) }));
}

export function applyMutations(root: unknown, mutations: readonly Mutation[]): unknown {
  let value = clone(root);
  for (const m of mutations) value = applyMutation(value, m);
  return value;
}

export function applyMutation(root: unknown, m: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[m.at % paths.length]!;
  switch (m.op) {
    case "drop":
      return path.length === 0 ? undefined : update(root, path, () => DROP);
    case "replace":
      return update(root, path, () => clone(m.value));
    case "insert":
      return update(root, path, (v) => {
        if (!isPlainObject(v)) return v;
        const out = clone(v) as Record<string, unknown>;
        defineOwn(out, m.key, clone(m.value));
        return out;
      });
    case "swap-type":
      return update(root, path, swapType);
    case "truncate":
      return update(root, path, (v) => (typeof v === "string" && v.length > 0 ? v.slice(0, m.cut % v.length) : v));
    case "duplicate-array-item":
      return update(root, path, (v) => (Array.isArray(v) && v.length > 0 ? [...v, clone(v[m.cut % v.length])] : v));
  }
}

/** Numbers become strings, strings numbers, objects arrays and the other way round. */
function swapType(v: unknown): unknown {
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : 0;
  if (typeof v === "string") {
    const n = Number(v);
    return Number.isNaN(n) ? [v] : n;
  }
  if (Array.isArray(v)) return { ...v };
  if (isPlainObject(v)) return Object.values(v);
  if (v === null) return "null";
  return null;
}

const DROP: unique symbol = Symbol("drop");

/** Every path in `root`, the root itself first; strings holding a JSON object or array are entered. */
export function pathsOf(root: unknown, limit = 600): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path, depth: number) => {
    if (out.length >= limit) return;
    out.push(path);
    if (depth > 12) return;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], [...path, i], depth + 1);
    else if (isPlainObject(v)) for (const k of Object.keys(v)) walk(v[k], [...path, k], depth + 1);
    else if (typeof v === "string" && v.length > 1 && (v[0] === "{" || v[0] === "[")) {
      const inner = tryParse(v);
      if (inner !== undefined && typeof inner === "object" && inner !== null)
        walk(inner, [...path, JSON_STEP], depth + 1);
    }
  };
  walk(root, [], 0);
  return out;
}

/** A copy of `root` with `fn` applied at `path` (returning DROP removes the entry). */
function update(root: unknown, path: Path, fn: (v: unknown) => unknown): unknown {
  if (path.length === 0) {
    const r = fn(root);
    return r === DROP ? undefined : r;
  }
  const [step, ...rest] = path;
  if (step === JSON_STEP) {
    if (typeof root !== "string") return root;
    const inner = tryParse(root);
    if (inner === undefined) return root;
    return JSON.stringify(update(inner, rest, fn)) ?? "";
  }
  if (Array.isArray(root) && typeof step === "number") {
    const copy = [...root];
    const next = rest.length === 0 ? fn(copy[step]) : update(copy[step], rest, fn);
    if (next === DROP) copy.splice(step, 1);
    else copy[step] = next;
    return copy;
  }
  if (isPlainObject(root) && typeof step === "string") {
    const copy = clone(root) as Record<string, unknown>;
    const next = rest.length === 0 ? fn(copy[step]) : update(copy[step], rest, fn);
    if (next === DROP) delete copy[step];
    else defineOwn(copy, step, next);
    return copy;
  }
  return root;
}

/** Sets an own, enumerable property — even `__proto__`, which plain assignment would turn into a prototype change. */
function defineOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A deep copy that keeps own `__proto__` keys as keys, and NaN, undefined and -0 as they are. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) defineOwn(out, k, clone(v[k]));
    return out as T;
  }
  return v;
}

/** True when something set a property on `Object.prototype` (prototype pollution). */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || Object.keys(Object.prototype).length > 0;
}
