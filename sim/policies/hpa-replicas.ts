/**
 * The HPA's replica calculation for one metric, as `pkg/controller/podautoscaler/replica_calculator.go` does it
 * (`groupPods`, then `GetResourceReplicas` for CPU and `calcPlainMetricReplicas` for a per-pod metric):
 * - pending pods are unready; a pod without a sample is missing;
 * - CPU only: within `cpu-initialization-period` (5 min) of its start a pod's sample is ignored unless the pod is
 *   ready and the sample was taken entirely after it became ready; later, it is ignored only if the pod is unready
 *   and has never been ready (its last transition came within `initial-readiness-delay`, 30 s, of its start);
 * - the usage ratio is taken over the ready pods' samples alone; with no unready pod on a scale-up and no missing
 *   pod it gives ⌈ratio × ready⌉ (or nothing within the 0.1 tolerance);
 * - otherwise missing pods count as 0 on a scale-up and as the fallback (CPU: max(100 %, target); a per-pod metric:
 *   the target) on a scale-down, unready pods as 0 on a scale-up; if the recomputed ratio is within the tolerance or
 *   turns the direction, nothing changes; else ⌈ratio × pods counted⌉, unless that turns the direction.
 * Source: https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/podautoscaler/replica_calculator.go
 * (read in the 1.28 tree) and https://kubernetes.io/docs/concepts/workloads/autoscaling/horizontal-pod-autoscale/.
 */

export const HPA_TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_MS = 300_000;
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface PodView {
  /** Pending (not yet running): unready whatever its sample. */
  pending: boolean;
  /** The pod's start (the instance's launch). */
  startMs: number;
  /** Ready now (healthy in a target group) and when that last changed. */
  ready: boolean;
  lastTransitionMs: number;
  /** This metric's sample of the pod and when its window started; undefined = missing. */
  value: number | undefined;
  sampleStartMs: number;
}

export type PodGroup = "ready" | "unready" | "missing";

/** `groupPods`: which group a pod falls in for this metric at `nowMs`. */
export function groupPod(pod: PodView, cpu: boolean, nowMs: number): PodGroup {
  if (pod.pending) return "unready";
  if (pod.value === undefined) return "missing";
  if (!cpu) return "ready";
  const ignored =
    pod.startMs + CPU_INITIALIZATION_PERIOD_MS > nowMs
      ? // A sample window (one minute) that began before the pod became ready does not count.
        !pod.ready || pod.sampleStartMs < pod.lastTransitionMs
      : !pod.ready && pod.startMs + INITIAL_READINESS_DELAY_MS > pod.lastTransitionMs;
  return ignored ? "unready" : "ready";
}

/**
 * Replicas the metric asks for, or `current` when nothing should change; undefined when no pod has a usable sample
 * (the controller reports an error and leaves the size alone).
 */
export function replicasFor(
  pods: readonly PodView[],
  target: number,
  cpu: boolean,
  current: number,
  nowMs: number,
): number | undefined {
  const ready: number[] = [];
  let unready = 0;
  let missing = 0;
  for (const p of pods) {
    const g = groupPod(p, cpu, nowMs);
    if (g === "ready") ready.push(p.value!);
    else if (g === "unready") unready++;
    else missing++;
  }
  if (ready.length === 0) return undefined;
  const sum = ready.reduce((a, v) => a + v, 0);
  const ratio = sum / (ready.length * target);
  const scaleUpWithUnready = unready > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing === 0) {
    if (Math.abs(1 - ratio) <= HPA_TOLERANCE) return current;
    return Math.ceil(ratio * ready.length - 1e-9);
  }
  let newSum = sum;
  let counted = ready.length;
  if (missing > 0) {
    if (ratio < 1) newSum += missing * (cpu ? Math.max(100, target) : target);
    if (ratio !== 1) counted += missing;
  }
  if (scaleUpWithUnready) counted += unready;
  const newRatio = newSum / (counted * target);
  if (Math.abs(1 - newRatio) <= HPA_TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1))
    return current;
  const replicas = Math.ceil(newRatio * counted - 1e-9);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) return current;
  return replicas;
}
