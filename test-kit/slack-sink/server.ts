/**
 * A Slack incoming-webhook stand-in on 127.0.0.1: records every post and answers as told — `200 ok`, `429` with
 * `Retry-After`, `500`, `400 invalid_payload` (or any status and body), or never (hang). Replies are taken from a
 * queue, then the default. Its URL has a secret-looking path, like a real webhook, so tests can check it never leaks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SinkReply =
  | { kind: "ok" }
  | { kind: "status"; status: number; body: string; headers?: Record<string, string> }
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "hang" };

export const reply = {
  ok: (): SinkReply => ({ kind: "ok" }),
  rateLimited: (retryAfterSeconds: number): SinkReply => ({ kind: "rate-limited", retryAfterSeconds }),
  serverError: (status = 500): SinkReply => ({ kind: "status", status, body: "internal_error" }),
  invalidPayload: (): SinkReply => ({ kind: "status", status: 400, body: "invalid_payload" }),
  status: (status: number, body: string): SinkReply => ({ kind: "status", status, body }),
  hang: (): SinkReply => ({ kind: "hang" }),
};

export interface RecordedPost {
  path: string;
  contentType: string | undefined;
  /** The parsed JSON body. */
  body: { text?: string; blocks?: Array<Record<string, unknown>>; channel?: string } & Record<string, unknown>;
}

/** The secret part of the URL (what a real webhook's `/services/T…/B…/…` path is). */
export const SINK_SECRET = "XoXoSeCrEtT0kEn42";

export class SlackSink {
  readonly posts: RecordedPost[] = [];
  private readonly queue: SinkReply[] = [];
  private defaultReply: SinkReply = reply.ok();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;
  private port = 0;

  /** The webhook URL: `http://127.0.0.1:PORT/services/T0000/B0000/<secret>`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/services/T0000/B0000/${SINK_SECRET}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Replies for the next posts, in order. */
  enqueue(...replies: SinkReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** The reply once the queue is empty. */
  setDefault(r: SinkReply): this {
    this.defaultReply = r;
    return this;
  }

  /** Resolves once `count` posts have arrived. */
  async waitForPosts(count: number, maxTurns = 20_000): Promise<void> {
    for (let i = 0; i < maxTurns; i++) {
      if (this.posts.length >= count) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`expected ${count} posts, got ${this.posts.length}`);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: RecordedPost["body"] = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedPost["body"];
    } catch {
      body = { unparsable: Buffer.concat(chunks).toString("utf8") };
    }
    this.posts.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
    const r = this.queue.shift() ?? this.defaultReply;
    switch (r.kind) {
      case "ok":
        res.writeHead(200, { "content-type": "text/html" }).end("ok");
        return;
      case "rate-limited":
        res
          .writeHead(429, { "content-type": "text/html", "retry-after": String(r.retryAfterSeconds) })
          .end("rate_limited");
        return;
      case "status":
        res.writeHead(r.status, { "content-type": "text/html", ...r.headers }).end(r.body);
        return;
      case "hang":
        this.hanging.add(res);
        return;
    }
  }
}

export async function startSlackSink(): Promise<SlackSink> {
  return new SlackSink().start();
}
