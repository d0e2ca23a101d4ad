import { describe, expect, it } from "vitest";
import { isControlPlaneReason, isNoAnswerReason } from "../../../shared/dataplane/reasons.ts";

describe("isControlPlaneReason", () => {
  it.each([
    "HTTP 503: worker id: 2 has not received configuration",
    "HTTP 503: worker pid 1234 out of sync with etcd",
    "HTTP 503: none of the configured dp_manager available: connection refused",
    "etcd unreachable (apisix_etcd_reachable 0)",
  ])("blames the CP for %s", (reason) => expect(isControlPlaneReason(reason)).toBe(true));

  it.each([
    "connection refused (connect ECONNREFUSED 10.0.0.1:7085)",
    "timed out (no complete answer within 2000 ms)",
    "HTTP 503: worker count: 4 but status report count: 3",
    "apisix_etcd_reachable not reported yet",
    "instance gone (terminated)",
  ])("does not blame the CP for %s", (reason) => expect(isControlPlaneReason(reason)).toBe(false));
});

describe("isNoAnswerReason", () => {
  it.each([
    "connection refused (connect ECONNREFUSED 10.0.0.1:7085)",
    "timed out (no complete answer within 2000 ms)",
    "connection reset",
    "host unreachable (connect EHOSTUNREACH 10.0.0.1:7085)",
    "request failed (getaddrinfo ENOTFOUND)",
  ])("%s is no answer from the node", (reason) => expect(isNoAnswerReason(reason)).toBe(true));

  it.each([
    "HTTP 503: worker count: 4 but status report count: 3",
    "HTTP 503: none of the configured dp_manager available: connection refused",
    "metrics endpoint: connection refused",
    "instance has no private IP yet",
  ])("%s is an answer (or no probe at all)", (reason) => expect(isNoAnswerReason(reason)).toBe(false));
});
