/**
 * The real `HttpProbePort`: one GET over `node:http(s)`, a fresh connection each time (like a load balancer's health
 * check, and no pooled socket to a node that has since gone away), and a hard deadline over the whole exchange —
 * connect, headers and body — through `AbortSignal.timeout`, so a black-holed node costs at most `timeoutMs`.
 */
import http from "node:http";
import https from "node:https";
import type { HttpOutcome, HttpProbePort } from "../ports/http-probe.ts";

/** A Prometheus page of a big APISIX fleet can be megabytes; anything past this is cut (the gauges come first). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export function createNodeHttpProbe(options: { userAgent?: string } = {}): HttpProbePort {
  const userAgent = options.userAgent ?? "dp-autoscaler";
  return { get: (url, timeoutMs) => get(url, timeoutMs, userAgent) };
}

function get(url: string, timeoutMs: number, userAgent: string): Promise<HttpOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  const client = url.startsWith("https:") ? https : http;
  return new Promise<HttpOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (err: NodeJS.ErrnoException) => settle(classifyError(err, signal.aborted, timeoutMs));
    let req: http.ClientRequest;
    try {
      req = client.get(url, { agent: false, signal, headers: { "user-agent": userAgent, accept: "*/*" } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size >= MAX_BODY_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () =>
          settle({ kind: "response", status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", fail);
        res.on("aborted", () => fail(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
      });
    } catch (err) {
      fail(err as NodeJS.ErrnoException);
      return;
    }
    req.on("error", fail);
  });
}

function classifyError(err: NodeJS.ErrnoException, aborted: boolean, timeoutMs: number): HttpOutcome {
  if (aborted || err.name === "AbortError" || err.name === "TimeoutError")
    return { kind: "error", error: "timeout", message: `no complete answer within ${timeoutMs} ms` };
  switch (err.code) {
    case "ECONNREFUSED":
      return { kind: "error", error: "refused", message: err.message };
    case "ECONNRESET":
    case "EPIPE":
      return { kind: "error", error: "reset", message: err.message };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
      return { kind: "error", error: "unreachable", message: err.message };
    case "ETIMEDOUT":
      return { kind: "error", error: "timeout", message: err.message };
    default:
      return { kind: "error", error: "other", message: err.message };
  }
}
