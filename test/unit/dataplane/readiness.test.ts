import { describe, expect, it } from "vitest";
import { interpretReadiness } from "../../../shared/dataplane/readiness.ts";
import type { HttpOutcome } from "../../../shared/ports/http-probe.ts";

const response = (status: number, body: string): HttpOutcome => ({ kind: "response", status, body });

describe("interpretReadiness — APISIX", () => {
  it.each([['{"status":"ok"}'], ['{ "status" : "ok" }']])("is ready on 200 %s", (body) => {
    expect(interpretReadiness("apisix", response(200, body))).toEqual({
      ready: true,
      reason: "HTTP 200: status ok",
      cpRelated: false,
    });
  });

  it("reads the worker-count error whatever the key order, and does not blame the CP for booting workers", () => {
    for (const body of [
      '{"status":"error","error":"worker count: 4 but status report count: 3"}',
      '{"error":"worker count: 4 but status report count: 3","status":"error"}',
    ]) {
      expect(interpretReadiness("apisix", response(503, body))).toEqual({
        ready: false,
        reason: "HTTP 503: worker count: 4 but status report count: 3",
        cpRelated: false,
      });
    }
  });

  it("blames the CP when a worker has not received configuration", () => {
    const v = interpretReadiness(
      "apisix",
      response(503, '{"status":"error","error":"worker id: 2 has not received configuration"}'),
    );
    expect(v).toEqual({
      ready: false,
      reason: "HTTP 503: worker id: 2 has not received configuration",
      cpRelated: true,
    });
  });

  it("is not ready on a 200 that is not status ok (something else answers on the port)", () => {
    const v = interpretReadiness("apisix", response(200, "<html>hello</html>"));
    expect(v.ready).toBe(false);
    expect(v.reason).toContain("<html>hello</html>");
  });

  it("keeps other codes and bodies in the reason", () => {
    expect(interpretReadiness("apisix", response(404, "not found"))).toEqual({
      ready: false,
      reason: "HTTP 404: not found",
      cpRelated: false,
    });
  });
});

describe("interpretReadiness — API7", () => {
  it("is ready on 200 with an empty body", () => {
    expect(interpretReadiness("api7", response(200, ""))).toEqual({
      ready: true,
      reason: "HTTP 200",
      cpRelated: false,
    });
  });

  it("lists every out-of-sync worker pid and blames the CP", () => {
    const body = "Worker pid: 1234 is out of sync with etcd\nWorker pid: 1235 is out of sync with etcd";
    expect(interpretReadiness("api7", response(503, body))).toEqual({
      ready: false,
      reason: "HTTP 503: worker pid 1234, 1235 out of sync with etcd",
      cpRelated: true,
    });
  });

  it("reads the dp_manager error (with its trailing newline) and blames the CP", () => {
    const body = '{"error_msg":"none of the configured dp_manager available: connection refused"}\n';
    expect(interpretReadiness("api7", response(503, body))).toEqual({
      ready: false,
      reason: "HTTP 503: none of the configured dp_manager available: connection refused",
      cpRelated: true,
    });
  });

  it("keeps an unknown 503 body as the reason", () => {
    const v = interpretReadiness("api7", response(503, "Service Temporarily Unavailable"));
    expect(v).toEqual({ ready: false, reason: "HTTP 503: Service Temporarily Unavailable", cpRelated: false });
  });
});

describe("interpretReadiness — transport errors", () => {
  it.each([
    ["refused", "connect ECONNREFUSED 10.0.0.1:7085", "connection refused (connect ECONNREFUSED 10.0.0.1:7085)"],
    ["timeout", "no complete answer within 2000 ms", "timed out (no complete answer within 2000 ms)"],
    ["reset", "socket hang up", "connection reset (socket hang up)"],
    ["unreachable", "connect EHOSTUNREACH", "host unreachable (connect EHOSTUNREACH)"],
  ] as const)("%s is not ready, not a CP reason, and keeps the message", (error, message, reason) => {
    for (const mode of ["apisix", "api7"] as const) {
      expect(interpretReadiness(mode, { kind: "error", error, message })).toEqual({
        ready: false,
        reason,
        cpRelated: false,
      });
    }
  });
});
