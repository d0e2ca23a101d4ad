/**
 * What no real cluster can report: a negative utilisation, throughput or latency, a group whose min is above its max,
 * a desired capacity outside [min, max]. `decide` refuses such an observation with these warnings instead of
 * computing a decision from it (a decision from impossible inputs would look authoritative and mean nothing).
 */
import type { Observation, Point } from "../shared/domain/observation.ts";

function negatives(points: readonly Point[], path: string): string[] {
  return points.flatMap((p, i) => (p.v < 0 ? [`${path}[${i}].v is ${p.v}: a measured value cannot be negative`] : []));
}

export function impossibleObservation(o: Observation): string[] {
  const g = o.group;
  const problems: string[] = [];
  if (g.min > g.max) problems.push(`group.min (${g.min}) is above group.max (${g.max})`);
  if (g.desired > g.max) problems.push(`group.desired (${g.desired}) is above group.max (${g.max})`);
  if (g.desired < g.min) problems.push(`group.desired (${g.desired}) is below group.min (${g.min})`);
  o.signals.forEach((s, i) => {
    problems.push(...negatives(s.points, `signals[${i}] (${s.id}).points`));
    if (s.target <= 0) problems.push(`signals[${i}] (${s.id}).target is ${s.target}: a target must be above 0`);
  });
  for (const [name, points] of Object.entries(o.guardrailInputs))
    if (points) problems.push(...negatives(points, `guardrailInputs.${name}`));
  problems.push(...negatives(o.recentRecommendations, "recentRecommendations"));
  return problems;
}
