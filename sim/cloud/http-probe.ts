/**
 * The `HttpProbePort` into the simulated VPC: a GET to `http://<privateIp>:<port>/<path>` is answered by the DP node
 * holding that address, as the real gateway would answer (see `model/dp-node.ts`); refused before the process
 * listens; black-holed (the probe waits its whole timeout) for an address nobody holds or a node that never booted.
 */
import type { HttpOutcome, HttpProbePort } from "../../shared/ports/http-probe.ts";
import type { VirtualClock } from "../virtual-clock.ts";
import type { SimEc2 } from "./ec2.ts";

const URL_PARTS = /^https?:\/\/([^/:]+)(?::(\d+))?(\/[^?#]*)?/;

export class SimHttpProbe implements HttpProbePort {
  readonly #ec2: SimEc2;
  readonly #clock: VirtualClock;
  /** Probes answered (for tests and the run's notes). */
  probes = 0;

  constructor(ec2: SimEc2, clock: VirtualClock) {
    this.#ec2 = ec2;
    this.#clock = clock;
  }

  async get(url: string, timeoutMs: number): Promise<HttpOutcome> {
    this.probes++;
    const m = URL_PARTS.exec(url);
    if (!m) return { kind: "error", error: "other", message: `invalid URL ${url}` };
    const host = m[1]!;
    const port = m[2] ?? (url.startsWith("https") ? "443" : "80");
    const path = m[3] ?? "/";
    const instance = this.#ec2.byIp(host);
    const answer = instance ? instance.node.get(path) : ({ kind: "black-hole" } as const);
    switch (answer.kind) {
      case "answer":
        return { kind: "response", status: answer.answer.status, body: answer.answer.body };
      case "refused":
        return { kind: "error", error: "refused", message: `connect ECONNREFUSED ${host}:${port}` };
      case "black-hole":
        await this.#clock.sleep(timeoutMs);
        return { kind: "error", error: "timeout", message: `no complete answer within ${timeoutMs} ms` };
    }
  }
}
