/**
 * `--set KEY=VALUE`: change one field of a scenario document before it is validated, so a built-in can be rerun with
 * another target, seed or scale without copying it to a file (`dp-autoscaler compare nasa-launch-day --set
 * cluster.signals.cpu.targetPercent=80`). KEY is a dotted path into the document (numbers index arrays:
 * `controlPlane.outages.0.durationMinutes`); VALUE is read as JSON when it parses (`80`, `true`, `[1,2]`,
 * `{"a":1}`), else as a string. The result goes through the scenario schema like any document, so a wrong key or value
 * gets the schema's error naming its path.
 */

/**
 * An override that cannot be read or applied: `--set` text that is not KEY=VALUE, a path through a value that is not
 * an object or list, a `--config FILE --cluster NAME` that cannot be read or has no such cluster. The message names
 * where the override came from; the CLI reports it as a usage error (exit 2).
 */
export class OverrideError extends Error {
  override readonly name = "OverrideError";
}

export interface Override {
  /** The dotted path as given. */
  key: string;
  path: string[];
  value: unknown;
  /** Where it came from, for messages: `--set cluster.maxNodes`, `--config prod.json --cluster prod`. */
  origin: string;
}

/** Parses one `KEY=VALUE`. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new OverrideError(`--set ${text}: expected KEY=VALUE, e.g. cluster.signals.cpu.targetPercent=80`);
  const key = text.slice(0, eq);
  const path = key.split(".");
  if (path.some((p) => p === "")) throw new OverrideError(`--set ${text}: "${key}" has an empty path segment`);
  if (path.some((p) => p === "__proto__" || p === "constructor" || p === "prototype"))
    throw new OverrideError(`--set ${text}: "${key}" is not a scenario field`);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself (a name, an instance type, a date).
  }
  return { key, path, value, origin: `--set ${key}` };
}

/** A copy of `document` with every override applied in order; `document` is not changed. */
export function applyOverrides(document: unknown, overrides: readonly Override[]): unknown {
  let out = document;
  for (const o of overrides) out = setAt(out, o.path, o.value, o.origin);
  return out;
}

function setAt(node: unknown, path: readonly string[], value: unknown, origin: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(node)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= node.length)
      throw new OverrideError(`${origin}: "${head}" is not an index of a ${node.length}-element list`);
    const copy = [...node];
    copy[index] = setAt(node[index], rest, value, origin);
    return copy;
  }
  if (node === undefined || node === null) return { [head]: setAt(undefined, rest, value, origin) };
  if (typeof node !== "object")
    throw new OverrideError(`${origin}: "${head}" is inside a ${typeof node}, not an object`);
  const obj = node as Record<string, unknown>;
  return { ...obj, [head]: setAt(obj[head], rest, value, origin) };
}
