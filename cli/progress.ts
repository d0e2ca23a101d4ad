/**
 * Progress of long runs on stderr — only when stderr is a terminal (pipes and CI logs stay clean): one line rewritten
 * in place, "nasa-launch-day / ours  42 %", at most every 100 ms of wall time (a stopwatch, not the time of day).
 */

export interface ProgressLine {
  update(label: string, fraction: number): void;
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(label, fraction) {
      const now = performance.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K  ${label}  ${Math.floor(fraction * 100)} %`);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
