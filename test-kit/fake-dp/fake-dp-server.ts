/**
 * A fake data-plane node over real HTTP on 127.0.0.1: the status API (port 7085 in production) and the Prometheus
 * endpoint (9091), with switchable APISIX / API7 behaviour. `refused` really closes the listeners (the port refuses
 * connections, as before nginx starts), `black-hole` accepts and never answers, and a response delay makes it slow.
 * Timers are fine here: this is a real-HTTP test server, not product code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  type BodyOptions,
  etcdReachableIn,
  type FakeDpFlavour,
  type FakeDpPhase,
  metricsPage,
  readyAnswer,
  type StatusAnswer,
  statusAnswer,
} from "./bodies.ts";

export interface FakeDpOptions {
  flavour: FakeDpFlavour;
  phase?: FakeDpPhase;
  workers?: number;
  /** APISIX key order in JSON answers. */
  errorKeyFirst?: boolean;
  instanceId?: string;
}

export interface SeenRequest {
  server: "status" | "metrics";
  path: string;
  phase: FakeDpPhase;
  answered: number | "no answer";
}

const HEADERS = { "content-type": "text/plain; charset=utf-8", server: "openresty" } as const;

export class FakeDpServer {
  readonly flavour: FakeDpFlavour;
  readonly requests: SeenRequest[] = [];
  /** Called as each answer is written (the benchmark stamps the first ready answer with it). */
  onAnswer: (request: SeenRequest) => void = () => {};
  private phaseNow: FakeDpPhase;
  private delayMs = 0;
  private etcdOverride: 0 | 1 | undefined | "phase" = "phase";
  private readonly bodyOptions: BodyOptions;
  private readonly instanceId: string;
  private readonly status: Listener;
  private readonly metrics: Listener;
  /** Requests a black hole swallowed; dropped when the phase changes. */
  private readonly held = new Set<ServerResponse>();

  private constructor(options: FakeDpOptions) {
    this.flavour = options.flavour;
    this.phaseNow = options.phase ?? "refused";
    this.instanceId = options.instanceId ?? "i-0123456789abcdef0";
    this.bodyOptions = { workers: options.workers ?? 4, firstPid: 1234, errorKeyFirst: options.errorKeyFirst ?? false };
    this.status = new Listener((req, res) => this.answer("status", req, res));
    this.metrics = new Listener((req, res) => this.answer("metrics", req, res));
  }

  /** Binds two ephemeral ports (kept for the server's life), then applies the initial phase. */
  static async start(options: FakeDpOptions): Promise<FakeDpServer> {
    const fake = new FakeDpServer(options);
    await Promise.all([fake.status.bind(), fake.metrics.bind()]);
    if (fake.phaseNow === "refused") await Promise.all([fake.status.close(), fake.metrics.close()]);
    return fake;
  }

  get statusPort(): number {
    return this.status.port;
  }

  get metricsPort(): number {
    return this.metrics.port;
  }

  /** URL templates for a cluster config pointing at this fake (host stays the `{privateIp}` placeholder). */
  get readinessUrlTemplate(): string {
    return `http://{privateIp}:${this.statusPort}/status/ready`;
  }

  get prometheusUrlTemplate(): string {
    return `http://{privateIp}:${this.metricsPort}/apisix/prometheus/metrics`;
  }

  get phase(): FakeDpPhase {
    return this.phaseNow;
  }

  async setPhase(phase: FakeDpPhase): Promise<void> {
    this.phaseNow = phase;
    if (phase === "refused") await Promise.all([this.status.close(), this.metrics.close()]);
    else await Promise.all([this.status.listen(), this.metrics.listen()]);
    if (phase !== "black-hole") this.releaseHeld();
  }

  /** Every answer waits this long first (a slow node); longer than the probe's timeout means a timeout. */
  setResponseDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Overrides the gauge the phase would export (`"phase"` restores the default). */
  setEtcdReachable(value: 0 | 1 | undefined | "phase"): void {
    this.etcdOverride = value;
  }

  readyProbes(): SeenRequest[] {
    return this.requests.filter((r) => r.server === "status" && r.path === "/status/ready");
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    await Promise.all([this.status.close(), this.metrics.close()]);
  }

  private answer(server: "status" | "metrics", req: IncomingMessage, res: ServerResponse): void {
    const phase = this.phaseNow;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (phase === "black-hole") {
      this.requests.push({ server, path, phase, answered: "no answer" });
      this.held.add(res);
      return; // the socket stays open until the phase changes or the server stops
    }
    const reply = server === "status" ? this.statusReply(path, phase) : this.metricsReply(path, phase);
    const seen: SeenRequest = { server, path, phase, answered: reply.status };
    this.requests.push(seen);
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { ...HEADERS, "content-length": Buffer.byteLength(reply.body) });
      res.end(reply.body);
      this.onAnswer(seen);
    };
    if (this.delayMs > 0) setTimeout(send, this.delayMs);
    else send();
  }

  private releaseHeld(): void {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }

  private statusReply(path: string, phase: FakeDpPhase): StatusAnswer {
    if (path === "/status/ready") return readyAnswer(this.flavour, phase, this.bodyOptions);
    if (path === "/status" || (this.flavour === "apisix" && path.startsWith("/status")))
      return statusAnswer(this.flavour);
    return { status: 404, body: "<html><head><title>404 Not Found</title></head></html>" };
  }

  private metricsReply(path: string, phase: FakeDpPhase): StatusAnswer {
    if (path !== "/apisix/prometheus/metrics") return { status: 404, body: "" };
    const gauge = this.etcdOverride === "phase" ? etcdReachableIn(phase) : this.etcdOverride;
    return { status: 200, body: metricsPage(this.flavour, gauge, this.instanceId) };
  }
}

/** One port that can stop and start listening while keeping its number. */
class Listener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private listening = false;
  port = 0;

  constructor(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    this.server = createServer(handler);
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  async bind(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.listening = true;
  }

  async close(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
