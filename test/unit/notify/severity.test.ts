import { describe, expect, it } from "vitest";
import { isRoutine, meetsSeverity, severityOf } from "../../../shared/notify/severity.ts";
import { everyKind } from "./events.ts";

describe("notification severity", () => {
  it("ranks every kind: routine work is info, what held back or failed once is warning, a stopped autoscaler critical", () => {
    expect(everyKind.map((e) => `${e.kind}: ${severityOf(e)}`)).toEqual([
      "scale-decided: info",
      "scale-blocked: warning",
      "node-ready: info",
      "node-abandoned: warning",
      "node-drained: info",
      "breaker-opened: critical",
      "breaker-closed: critical",
      "manual-action: warning",
      "manual-action: warning",
      "manual-action: warning",
      "autoscaler-error: critical",
      "digest: info",
    ]);
  });

  it("routine: a scale decision, a node ready, a node drained — nothing that held back, failed or was done by hand", () => {
    expect(everyKind.filter(isRoutine).map((e) => e.kind)).toEqual(["scale-decided", "node-ready", "node-drained"]);
  });

  it.each([
    { min: "info", sent: 12 },
    { min: "warning", sent: 8 },
    { min: "critical", sent: 3 },
  ] as const)("minSeverity $min lets $sent of the 12 sample events through", ({ min, sent }) => {
    expect(everyKind.filter((e) => meetsSeverity(e, min))).toHaveLength(sent);
  });
});
