import { describe, expect, it } from "vitest";
import { interpretEtcdReachable, parseSamples } from "../../../shared/dataplane/prometheus.ts";

const page = (gaugeLine: string) =>
  [
    "# HELP apisix_etcd_reachable Config server etcd reachable from APISIX, 0 is unreachable",
    "# TYPE apisix_etcd_reachable gauge",
    gaugeLine,
    "apisix_etcd_reachable_total_something 0",
    "",
  ].join("\n");

describe("parseSamples", () => {
  it("reads an unlabelled gauge and ignores comments and longer names with the same prefix", () => {
    expect(parseSamples(page("apisix_etcd_reachable 1"), "apisix_etcd_reachable")).toEqual([{ labels: {}, value: 1 }]);
  });

  it("reads API7's labels, spaces and escaped quotes in values, and a trailing timestamp", () => {
    const text = 'apisix_etcd_reachable{gateway_group_id="gg 1",instance_id="a\\"b}c"} 0 1700000000000';
    expect(parseSamples(text, "apisix_etcd_reachable")).toEqual([
      { labels: { gateway_group_id: "gg 1", instance_id: 'a"b}c' }, value: 0 },
    ]);
  });

  it("skips a malformed line instead of throwing", () => {
    expect(parseSamples("apisix_etcd_reachable{oops 1\napisix_etcd_reachable 1", "apisix_etcd_reachable")).toEqual([
      { labels: {}, value: 1 },
    ]);
  });
});

describe("interpretEtcdReachable", () => {
  it("is ready only when the gauge reads 1", () => {
    expect(interpretEtcdReachable({ kind: "response", status: 200, body: page("apisix_etcd_reachable 1") }).ready).toBe(
      true,
    );
    expect(interpretEtcdReachable({ kind: "response", status: 200, body: page("apisix_etcd_reachable 0") })).toEqual({
      ready: false,
      reason: "etcd unreachable (apisix_etcd_reachable 0)",
      cpRelated: true,
    });
  });

  it("requires every labelled series to read 1", () => {
    const body = 'apisix_etcd_reachable{instance_id="a"} 1\napisix_etcd_reachable{instance_id="b"} 0';
    expect(interpretEtcdReachable({ kind: "response", status: 200, body }).ready).toBe(false);
  });

  it("is not ready, and not a CP reason, while the gauge is not exported yet", () => {
    expect(interpretEtcdReachable({ kind: "response", status: 200, body: "# nothing yet\n" })).toEqual({
      ready: false,
      reason: "apisix_etcd_reachable not reported yet",
      cpRelated: false,
    });
  });

  it("reports a metrics endpoint that does not answer", () => {
    const v = interpretEtcdReachable({ kind: "error", error: "refused", message: "connect ECONNREFUSED" });
    expect(v).toEqual({
      ready: false,
      reason: "metrics endpoint: connection refused (connect ECONNREFUSED)",
      cpRelated: false,
    });
  });
});
