/**
 * TargetsPort over ELBv2. Registration and deregistration are idempotent in ELBv2 itself; this adapter chunks them at
 * 100 targets per call (as Kubernetes' load-balancer controller does), answers `unused` for targets ELBv2 does not
 * know, and remembers each target group's deregistration delay for the container's life.
 */
import {
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  type TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsValidationError } from "../ports/errors.ts";
import type { TargetHealth, TargetState, TargetsPort } from "../ports/targets.ts";
import { elbv2Client } from "./clients.ts";
import { callAws } from "./errors.ts";

export const TARGETS_PER_CALL = 100;
const DEREGISTRATION_DELAY_KEY = "deregistration_delay.timeout_seconds";
/** ELBv2's default when the attribute is absent. */
const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;
const NOT_REGISTERED: Omit<TargetHealth, "instanceId"> = { state: "unused", reason: "Target.NotRegistered" };

export class Elbv2Targets implements TargetsPort {
  readonly #client: ElasticLoadBalancingV2Client;
  readonly #delays = new Map<string, number>();

  constructor(client: ElasticLoadBalancingV2Client = elbv2Client()) {
    this.#client = client;
  }

  async register(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    for (const ids of chunks(instanceIds, TARGETS_PER_CALL)) {
      await callAws("RegisterTargets", () =>
        this.#client.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: toTargets(ids) })),
      );
    }
  }

  /**
   * Deregistering a target that is not there is done, as the port promises. ELBv2 (and emulators) answer
   * `InvalidTarget` when an instance EC2 no longer knows (or that was never registered) is named, and that fails the
   * whole call: the chunk is then sent again one target at a time, and each target answered `InvalidTarget` on its
   * own is counted as deregistered, so one gone instance never keeps the others registered.
   */
  async deregister(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    const send = (ids: string[]) =>
      callAws("DeregisterTargets", () =>
        this.#client.send(new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: toTargets(ids) })),
      );
    for (const ids of chunks(instanceIds, TARGETS_PER_CALL)) {
      try {
        await send(ids);
      } catch (err) {
        if (!isInvalidTarget(err)) throw err;
        if (ids.length === 1) continue;
        for (const id of ids) await send([id]).catch(tolerateInvalidTarget);
      }
    }
  }

  async health(targetGroupArn: string, instanceIds?: string[]): Promise<TargetHealth[]> {
    if (instanceIds === undefined) return (await this.#describeHealth(targetGroupArn)).map(toTargetHealth);
    if (instanceIds.length === 0) return [];
    let described: TargetHealthDescription[];
    try {
      described = await this.#describeHealth(targetGroupArn, instanceIds);
    } catch (err) {
      // Naming an instance EC2 no longer knows fails the whole call (InvalidTarget): ask for every registered target
      // instead, and let the ids that are not among them read as unused.
      if (!isInvalidTarget(err)) throw err;
      described = await this.#describeHealth(targetGroupArn);
    }
    const byId = new Map<string, TargetHealth>();
    for (const d of described) {
      const h = toTargetHealth(d);
      if (!byId.has(h.instanceId)) byId.set(h.instanceId, h);
    }
    return instanceIds.map((id) => byId.get(id) ?? { instanceId: id, ...NOT_REGISTERED });
  }

  async deregistrationDelaySeconds(targetGroupArn: string): Promise<number> {
    const known = this.#delays.get(targetGroupArn);
    if (known !== undefined) return known;
    const out = await callAws("DescribeTargetGroupAttributes", () =>
      this.#client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn })),
    );
    const value = out.Attributes?.find((a) => a.Key === DEREGISTRATION_DELAY_KEY)?.Value;
    const seconds = value !== undefined && value !== "" ? Number(value) : DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    const delay = Number.isFinite(seconds) ? seconds : DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    this.#delays.set(targetGroupArn, delay);
    return delay;
  }

  async #describeHealth(targetGroupArn: string, instanceIds?: string[]): Promise<TargetHealthDescription[]> {
    const out = await callAws("DescribeTargetHealth", () =>
      this.#client.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: targetGroupArn,
          ...(instanceIds ? { Targets: toTargets(instanceIds) } : {}),
        }),
      ),
    );
    return out.TargetHealthDescriptions ?? [];
  }
}

/** ELBv2's answer for a target that is not a valid (known, running) instance: `InvalidTarget`. */
function isInvalidTarget(err: unknown): boolean {
  return err instanceof AwsValidationError && err.code.startsWith("InvalidTarget");
}

function tolerateInvalidTarget(err: unknown): void {
  if (!isInvalidTarget(err)) throw err;
}

function toTargets(ids: string[]) {
  return ids.map((Id) => ({ Id }));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const STATES: Record<string, TargetState> = {
  initial: "initial",
  healthy: "healthy",
  unhealthy: "unhealthy",
  unused: "unused",
  draining: "draining",
  // An unhealthy target being deregistered: for the autoscaler it is leaving, like any draining target.
  "unhealthy.draining": "draining",
  unavailable: "unavailable",
};

function toTargetHealth(d: TargetHealthDescription): TargetHealth {
  const state = STATES[d.TargetHealth?.State ?? ""] ?? "unavailable";
  const reason = d.TargetHealth?.Reason;
  return { instanceId: d.Target?.Id ?? "", state, ...(reason ? { reason } : {}) };
}
