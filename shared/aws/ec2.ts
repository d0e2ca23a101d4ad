/**
 * InstancesPort over EC2. Instance lookups map `InvalidInstanceID.NotFound` to "unknown"; instance-type bandwidth is
 * read once per type per container and falls back to `shared/ports/instance-bandwidth.ts` when EC2 does not say or cannot answer.
 */
import {
  type _InstanceType,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  type EC2Client,
  type Instance,
  type InstanceTypeInfo,
} from "@aws-sdk/client-ec2";
import { AwsNotFoundError } from "../ports/errors.ts";
import { fallbackBaselineBps } from "../ports/instance-bandwidth.ts";
import type { InstanceInfo, InstancesPort } from "../ports/instances.ts";
import { ec2Client } from "./clients.ts";
import { callAws } from "./errors.ts";

/** Tag EC2 Auto Scaling puts on every instance it launches. */
const GROUP_NAME_TAG = "aws:autoscaling:groupName";

export class Ec2Instances implements InstancesPort {
  readonly #client: EC2Client;
  /** Answers that came from EC2 (a failed call is not cached, so a later call can still learn the real value). */
  readonly #bandwidth = new Map<string, number | undefined>();

  constructor(client: EC2Client = ec2Client()) {
    this.#client = client;
  }

  async describeInstance(instanceId: string): Promise<InstanceInfo | undefined> {
    try {
      const out = await callAws("DescribeInstances", () =>
        this.#client.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
      );
      const instance = (out.Reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .find((i) => i.InstanceId === instanceId);
      return instance ? toInstanceInfo(instance) : undefined;
    } catch (err) {
      if (err instanceof AwsNotFoundError) return undefined;
      throw err;
    }
  }

  async baselineBandwidthBps(instanceType: string): Promise<number | undefined> {
    if (this.#bandwidth.has(instanceType)) return this.#bandwidth.get(instanceType);
    let info: InstanceTypeInfo | undefined;
    try {
      const out = await callAws("DescribeInstanceTypes", () =>
        this.#client.send(new DescribeInstanceTypesCommand({ InstanceTypes: [instanceType as _InstanceType] })),
      );
      info = out.InstanceTypes?.find((t) => t.InstanceType === instanceType);
    } catch {
      // Throttled, not allowed, or a type EC2 does not know: the table is the best answer we have.
      return fallbackBaselineBps(instanceType);
    }
    const bps = primaryCardBaselineBps(info) ?? fallbackBaselineBps(instanceType);
    this.#bandwidth.set(instanceType, bps);
    return bps;
  }
}

/**
 * `BaselineBandwidthInGbps` is per network card. A gateway node's traffic flows through its primary network interface,
 * which always sits on card 0, so that card's baseline is the node's usable bandwidth (extra cards only help with
 * extra interfaces, which a DP node does not use).
 */
function primaryCardBaselineBps(info: InstanceTypeInfo | undefined): number | undefined {
  const cards = info?.NetworkInfo?.NetworkCards ?? [];
  const primary = cards.find((c) => (c.NetworkCardIndex ?? 0) === 0) ?? cards[0];
  const gbps = primary?.BaselineBandwidthInGbps;
  return gbps !== undefined && gbps > 0 ? gbps * 1e9 : undefined;
}

function toInstanceInfo(i: Instance): InstanceInfo {
  return {
    instanceId: i.InstanceId ?? "",
    state: i.State?.Name ?? "",
    privateIp: i.PrivateIpAddress,
    instanceType: i.InstanceType ?? "",
    groupName: i.Tags?.find((t) => t.Key === GROUP_NAME_TAG)?.Value,
    launchTime: i.LaunchTime?.getTime(),
  };
}
