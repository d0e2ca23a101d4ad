/**
 * `dp-autoscaler scenarios [--json]`: the built-in scenarios, each with its description, traffic and cluster in one
 * glance. Run one with `dp-autoscaler simulate NAME`; write your own as JSON (`docs/scenarios.md`).
 */
import { BUILTIN_SCENARIOS, DEFAULT_SCENARIO } from "../../sim/scenario/builtins.ts";
import { builtinScenario } from "../../sim/scenario/load.ts";
import type { Scenario } from "../../sim/scenario/schema.ts";

export async function run(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length > 0) {
    console.error(`dp-autoscaler scenarios: unexpected ${unknown.join(" ")}\nusage: dp-autoscaler scenarios [--json]`);
    return 2;
  }
  const scenarios = BUILTIN_SCENARIOS.map((s) => builtinScenario(s.name));
  if (args.includes("--json")) {
    console.log(
      JSON.stringify(
        scenarios.map((s) => ({ name: s.name, description: s.description, traffic: describeTraffic(s) })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const s of scenarios) {
    console.log(`${s.name}${s.name === DEFAULT_SCENARIO ? "  (default)" : ""}`);
    for (const line of wrap(s.description, 92)) console.log(`    ${line}`);
    console.log(`    traffic: ${describeTraffic(s)}`);
    console.log(`    cluster: ${describeWorld(s)}`);
    console.log("");
  }
  console.log("Run one: dp-autoscaler simulate NAME [--policy ours|target-tracking|predictive|step|hpa|static|oracle]");
  console.log("Compare: dp-autoscaler compare [NAME …]; your own scenario: a JSON file (docs/scenarios.md)");
  return 0;
}

function describeTraffic(s: Scenario): string {
  const t = s.traffic;
  const bytes = `${Math.round(t.requestBytes / 1024)} KiB in / ${Math.round(t.responseBytes / 1024)} KiB out`;
  switch (t.source) {
    case "trace": {
      const w = t.window;
      const window = w?.start
        ? ` from ${w.start}${w.durationMinutes ? ` for ${w.durationMinutes} min` : ""}`
        : " (whole trace)";
      return `trace ${t.trace}${window}, ×${t.scale}, ${bytes}`;
    }
    case "synthetic":
      return `synthetic ${t.shape}, ${t.durationMinutes} min, ×${t.scale}, ${bytes}`;
    case "file":
      return `file ${t.path}, ×${t.scale}, ${bytes}`;
    case "inline":
      return `inline, ${t.points.length} points of ${t.resolutionSeconds} s, ×${t.scale}, ${bytes}`;
  }
}

function describeWorld(s: Scenario): string {
  const c = s.cluster;
  const parts = [
    `${c.minNodes}..${c.maxNodes} × ${s.nodes.instanceType}`,
    s.loadBalancer.type.toUpperCase(),
    c.readiness.mode,
  ];
  if (s.upstream) parts.push(`upstream ${s.upstream.capacityRps} req/s`);
  if (s.controlPlane.outages.length > 0) parts.push(`${s.controlPlane.outages.length} CP outage(s)`);
  const f = s.faults;
  const faults = [
    f.lostEventRate > 0 ? "lost events" : "",
    f.duplicatedEventRate > 0 ? "duplicated events" : "",
    f.apiThrottlingRate > 0 ? "throttling" : "",
    f.neverReadyFraction > 0 ? "never-ready nodes" : "",
    f.bootFailureFraction > 0 ? "boot failures" : "",
    f.slackDown ? "Slack down" : "",
    f.metricGaps.length > 0 ? "metric gaps" : "",
  ].filter((x) => x !== "");
  if (faults.length > 0) parts.push(`faults: ${faults.join(", ")}`);
  return parts.join(", ");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}
