/**
 * One simulated data-plane node: an EC2 instance running an APISIX or API7 gateway. It boots, starts its gateway
 * process, gets a configuration session from the control plane and syncs, then serves. It answers the status API, the
 * Prometheus page, the traffic port and load-balancer health checks as the real products do
 * (`docs/reference/dataplane.md`):
 * - before the process listens the port refuses connections; a node that failed to boot black-holes them;
 * - with the CP unreachable (or full) at start the process exits after `cpConnectFailSeconds` and is restarted;
 * - APISIX readiness latches once synced (the gauge `apisix_etcd_reachable` tells the CP's state now);
 *   API7 readiness checks the CP live on every probe, so a CP outage turns every node's answer to 503;
 * - a synced node keeps serving from its cached configuration through a CP outage.
 */
import type { ReadinessMode } from "../../shared/dataplane/readiness.ts";
import type { VirtualClock } from "../virtual-clock.ts";
import type { ControlPlane } from "./control-plane.ts";
import {
  type Answer,
  bootingAnswer,
  cpDownAnswer,
  livenessAnswer,
  notSyncedAnswer,
  prometheusAnswer,
  ROUTE_NOT_FOUND,
  ROUTE_OK,
  readyAnswer,
} from "./status-bodies.ts";

/** Workers report to the status API within this long of the process listening. */
const WORKERS_BOOT_MS = 1000;
/** The Prometheus exporter refreshes every 15 s (APISIX ≥ 3.14): a first scrape may lack the gauge. */
const EXPORTER_REFRESH_MS = 15_000;

export interface DpNodeTraits {
  mode: ReadinessMode;
  workers: number;
  firstPid: number;
  /** Launch → process start, ms; `undefined`: the node never comes up (probes time out). */
  bootMs: number | undefined;
  /** Session granted → first full configuration, ms (before the CP's slow multiplier). */
  syncMs: number;
  /** The gateway never syncs (bad certificate or token). */
  neverReady: boolean;
  cpConnectFailMs: number;
  restartMs: number;
}

/** What a probe to the node gets: an HTTP answer, refused, or nothing at all (black hole). */
export type NodeAnswer = { kind: "answer"; answer: Answer } | { kind: "refused" } | { kind: "black-hole" };

export type HealthCheckKind = "tcp" | "http-traffic" | "http-status-ready";

let servingVersion = 0;
/**
 * Changes whenever any node starts or stops being able to serve (`canServe`): the world recounts the serving nodes
 * only then, not on every tick.
 */
export function nodeServingVersion(): number {
  return servingVersion;
}

export class DpNode {
  readonly id: string;
  readonly traits: DpNodeTraits;
  readonly launchedAt: number;
  /** The process listens (and since when). */
  #listeningSince: number | undefined;
  /** First full configuration load (latched). */
  syncedAt: number | undefined;
  /** First instant `/status/ready` would answer 200. */
  firstReadyAt: number | undefined;
  #terminated = false;
  #syncTimer: { cancel(): void } | undefined;
  #waitingForCp = false;
  readonly #clock: VirtualClock;
  readonly #cp: ControlPlane;

  constructor(id: string, traits: DpNodeTraits, clock: VirtualClock, cp: ControlPlane) {
    this.id = id;
    this.traits = traits;
    this.#clock = clock;
    this.#cp = cp;
    this.launchedAt = clock.now();
    if (traits.bootMs !== undefined) clock.after(traits.bootMs, () => this.#startProcess());
    cp.onChange((up) => this.#onCpChange(up));
  }

  /** A node that is already up and synced (the fleet a run starts with). */
  static warm(id: string, traits: DpNodeTraits, clock: VirtualClock, cp: ControlPlane): DpNode {
    const node = new DpNode(id, { ...traits, bootMs: undefined }, clock, cp);
    node.#listeningSince = clock.now() - WORKERS_BOOT_MS - EXPORTER_REFRESH_MS;
    cp.connect(id);
    node.syncedAt = clock.now();
    node.firstReadyAt = clock.now();
    servingVersion++;
    return node;
  }

  get listening(): boolean {
    return this.#listeningSince !== undefined && !this.#terminated;
  }

  /** Holds a configuration: serves traffic (through a CP outage too). */
  get canServe(): boolean {
    return this.syncedAt !== undefined && this.listening;
  }

  /** What `/status/ready` answers now is 200. */
  get readyNow(): boolean {
    if (!this.canServe) return false;
    return this.traits.mode === "apisix" || this.#cp.up;
  }

  get terminated(): boolean {
    return this.#terminated;
  }

  terminate(): void {
    if (this.#terminated) return;
    this.#terminated = true;
    servingVersion++;
    this.#syncTimer?.cancel();
    this.#cp.disconnect(this.id);
  }

  /** The answer to `GET <path>` on the node (ports are not told apart: the path says which service answers). */
  get(path: string): NodeAnswer {
    if (this.#terminated) return { kind: "black-hole" };
    if (this.traits.bootMs === undefined && this.#listeningSince === undefined) return { kind: "black-hole" };
    if (this.#listeningSince === undefined) return { kind: "refused" };
    const { mode, workers, firstPid } = this.traits;
    const now = this.#clock.now();
    if (path.startsWith("/status")) {
      if (path !== "/status/ready") return answer(livenessAnswer(mode));
      if (this.syncedAt !== undefined) return answer(this.readyNow ? readyAnswer(mode) : cpDownAnswer());
      if (mode === "api7" && !this.#cp.up) return answer(cpDownAnswer());
      if (now - this.#listeningSince < WORKERS_BOOT_MS) return answer(bootingAnswer(mode, workers, firstPid));
      return answer(notSyncedAnswer(mode, workers, firstPid));
    }
    if (path.includes("/prometheus/metrics")) {
      const fresh = now - this.#listeningSince < EXPORTER_REFRESH_MS;
      return answer(prometheusAnswer(fresh ? undefined : this.#cp.up && this.syncedAt !== undefined));
    }
    return answer(this.syncedAt !== undefined ? ROUTE_OK : ROUTE_NOT_FOUND);
  }

  /** Whether a load-balancer health check of this kind passes now. */
  passesHealthCheck(kind: HealthCheckKind): boolean {
    if (kind === "tcp") return this.listening;
    if (kind === "http-traffic") return this.canServe;
    return this.readyNow;
  }

  #startProcess(): void {
    if (this.#terminated) return;
    if (this.#cp.connect(this.id)) {
      this.#listeningSince = this.#clock.now();
      servingVersion++;
      if (!this.traits.neverReady) this.#scheduleSync();
      return;
    }
    // The CP is down or full: the gateway gives up after its connection attempts and its service manager restarts it.
    this.#clock.after(this.traits.cpConnectFailMs + this.traits.restartMs, () => this.#startProcess());
  }

  #scheduleSync(): void {
    const ms = this.traits.syncMs * this.#cp.syncMultiplier(this.#clock.now());
    this.#syncTimer = this.#clock.after(ms, () => this.#finishSync());
  }

  #finishSync(): void {
    this.#syncTimer = undefined;
    if (this.#terminated || this.syncedAt !== undefined) return;
    if (!this.#cp.up) {
      this.#waitingForCp = true;
      return;
    }
    const now = this.#clock.now();
    this.syncedAt = now;
    this.firstReadyAt = now;
    servingVersion++;
  }

  #onCpChange(up: boolean): void {
    if (this.#terminated) return;
    if (up && this.#waitingForCp) {
      this.#waitingForCp = false;
      this.#scheduleSync();
    }
    if (!up && this.#syncTimer !== undefined && this.syncedAt === undefined) {
      // The sync in flight breaks off; it starts over once the CP is back.
      this.#syncTimer.cancel();
      this.#syncTimer = undefined;
      this.#waitingForCp = true;
    }
  }
}

function answer(a: Answer): NodeAnswer {
  return { kind: "answer", answer: a };
}
