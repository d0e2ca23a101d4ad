/** The operator's answers, for people: short, aligned, most important first. */
import type { PauseState } from "../../shared/domain/observation.ts";
import type {
  Bounds,
  ExplainResponse,
  OperatorSuccess,
  PauseResponse,
  ScaleResponse,
  StatusResponse,
} from "../../shared/services/operator/types.ts";
import { table } from "./table.ts";

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function number(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function withUnit(v: number, unit: string): string {
  return unit === "" ? number(v) : `${number(v)} ${unit}`;
}

function pauseLine(p: PauseState): string {
  if (!p.paused) return "no";
  const parts = ["yes"];
  if (p.by) parts.push(`by ${p.by}`);
  if (p.since !== undefined) parts.push(`since ${iso(p.since)}`);
  return p.reason ? `${parts.join(" ")} — ${p.reason}` : parts.join(" ");
}

function boundsLine(b: Bounds): string {
  const limits = [`minNodes ${b.configMin}`, `maxNodes ${b.configMax}`, `group ${b.groupMin}..${b.groupMax}`];
  if (b.controlPlaneMax !== undefined) limits.push(`CP serves ${b.controlPlaneMax}`);
  return `[${b.floor}, ${b.ceiling}]  (${limits.join(", ")})`;
}

/** Last segment of a target group ARN: `targetgroup/dp-prod/0123…` → `dp-prod/0123…`. */
function shortArn(arn: string): string {
  const i = arn.indexOf("targetgroup/");
  return i < 0 ? arn : arn.slice(i + "targetgroup/".length);
}

export function renderStatus(r: StatusResponse): string[] {
  const b = r.breaker;
  const lines = [`${r.cluster}  (Auto Scaling group ${r.groupName})`];
  lines.push(
    ...table([
      ["desired", `${r.desired}   (group min ${r.min}, max ${r.max})`],
      ["manual range", boundsLine(r.bounds)],
      ["paused", pauseLine(r.paused)],
      [
        "CP breaker",
        b.open
          ? `OPEN${b.openedAt !== undefined ? ` since ${iso(b.openedAt)}` : ""}${b.lastReason ? ` — ${b.lastReason}` : ""}`
          : `closed${b.abandons.length > 0 ? ` (${b.abandons.length} recent CP abandon${b.abandons.length === 1 ? "" : "s"})` : ""}`,
      ],
    ]),
  );
  for (const w of r.tagWarnings ?? []) lines.push(`  warning: ${w}`);
  const n = r.nodes;
  lines.push("nodes");
  const nodeRows: Array<[string, string[]]> = [
    ["in service", n.inService],
    ["waiting for CP", n.waitingForControlPlane],
    ["launching", n.launching],
    ["draining", n.draining],
  ];
  if (n.other.length > 0) nodeRows.push(["other", n.other]);
  lines.push(...table(nodeRows.map(([label, ids]) => [label, String(ids.length), ids.join(" ")])));
  lines.push("target groups");
  lines.push(
    ...table([
      ["", "healthy", "unhealthy", "initial", "draining", "other"],
      ...r.targets.map((t) => {
        if (t.error) return [shortArn(t.targetGroupArn), `unreadable: ${t.error}`];
        const c = t.counts;
        const other = (c.unused ?? 0) + (c.unavailable ?? 0);
        return [
          shortArn(t.targetGroupArn),
          ...[c.healthy, c.unhealthy, c.initial, c.draining, other].map((v) => String(v ?? 0)),
        ];
      }),
    ]),
  );
  lines.push("signals");
  if (r.signals.length === 0) lines.push("  (none read)");
  else
    lines.push(
      ...table([
        ["", "newest", "target", "at"],
        ...r.signals.map((s) => [
          s.id,
          s.latest === null ? "no data" : withUnit(s.latest, s.unit),
          withUnit(s.target, s.unit),
          s.at === undefined ? "" : iso(s.at),
        ]),
      ]),
    );
  lines.push("decision now");
  if (r.decisionNow === null) lines.push(`  unavailable: ${r.decisionError ?? "unknown error"}`);
  else {
    lines.push(`  ${r.decisionNow.summary}`);
    for (const g of r.decisionNow.guardrails) lines.push(`  ${g.name} (${g.effect} ${g.from} → ${g.to}): ${g.detail}`);
  }
  lines.push("recent activity");
  if (r.recentActivities.length === 0) lines.push("  (none)");
  else lines.push(...table(r.recentActivities.map((a) => [iso(a.at), a.status, a.cause || a.description])));
  return lines;
}

export function renderExplain(r: ExplainResponse): string[] {
  return r.text.split("\n");
}

export function renderScale(r: ScaleResponse): string[] {
  const lines: string[] = [];
  if (r.dryRun)
    lines.push(`${r.cluster}: dry run — would set desired ${r.fromDesired} → ${r.toDesired}; nothing changed`);
  else if (!r.changed) lines.push(`${r.cluster}: desired is already ${r.toDesired}; nothing to do`);
  else lines.push(`${r.cluster}: desired ${r.fromDesired} → ${r.toDesired}${r.forced ? " (forced)" : ""}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines;
}

export function renderPause(r: PauseResponse): string[] {
  if (r.action === "resume")
    return [
      r.changed ? `${r.cluster}: resumed — automatic scaling is back` : `${r.cluster}: was not paused; nothing to do`,
    ];
  const who = pauseLine(r.paused).replace(/^yes ?/, "");
  return [r.changed ? `${r.cluster}: paused ${who}` : `${r.cluster}: already paused ${who}; nothing changed`];
}

export function renderSuccess(r: OperatorSuccess): string[] {
  switch (r.action) {
    case "status":
      return renderStatus(r);
    case "explain":
      return renderExplain(r);
    case "scale":
      return renderScale(r);
    case "pause":
    case "resume":
      return renderPause(r);
  }
}
