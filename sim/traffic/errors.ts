/** A scenario's `traffic` section is wrong. `field` is the dotted path of the offending field, e.g. `traffic.window.start`. */
export class TrafficSpecError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = "TrafficSpecError";
    this.field = field;
  }
}

/** A trace file (bundled or named by a scenario) cannot be read or does not hold what its format promises. */
export class TraceDataError extends Error {
  readonly source: string;
  /** 1-based line number of the offending line, when there is one. */
  readonly line: number | undefined;

  constructor(source: string, problem: string, line?: number) {
    super(line === undefined ? `${source}: ${problem}` : `${source}:${line}: ${problem}`);
    this.name = "TraceDataError";
    this.source = source;
    this.line = line;
  }
}
