/**
 * The `TargetsPort` over the simulated target groups, answering as ELBv2 does: RegisterTargets needs running
 * instances (`InvalidTarget` otherwise), DeregisterTargets accepts unknown targets, unknown target groups are
 * `TargetGroupNotFound`. Errors are the port's own classes (`shared/ports/errors.ts`), the ones the AWS adapter maps
 * SDK errors to.
 */
import { AwsNotFoundError, AwsValidationError } from "../../shared/ports/errors.ts";
import type { TargetHealth, TargetsPort } from "../../shared/ports/targets.ts";
import type { SimEc2, SimInstance } from "./ec2.ts";
import type { SimLoadBalancing, SimTargetGroup } from "./target-group.ts";

export interface SimTargetsOptions {
  /**
   * Instances EC2 does not know are registered through this stand-in instead of being refused (`InvalidTarget`, as
   * ELBv2 does). Only for the port contract tests, whose worlds name targets without instances.
   */
  unknownInstance?: (instanceId: string) => SimInstance;
}

export class SimTargets implements TargetsPort {
  readonly #lb: SimLoadBalancing;
  readonly #ec2: SimEc2;
  readonly #options: SimTargetsOptions;

  constructor(lb: SimLoadBalancing, options: SimTargetsOptions = {}) {
    this.#lb = lb;
    this.#ec2 = lb.ec2;
    this.#options = options;
  }

  async register(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    const group = this.#group("RegisterTargets", targetGroupArn);
    const standIn = this.#options.unknownInstance;
    if (standIn) for (const id of instanceIds) if (!this.#ec2.instances.has(id)) this.#ec2.add(standIn(id));
    const notRunning = instanceIds.filter((id) => this.#ec2.instances.get(id)?.state !== "running");
    if (notRunning.length > 0)
      throw new AwsValidationError(
        `The following targets are not in a running state and cannot be registered: '${notRunning.join("', '")}'`,
        { code: "InvalidTarget", operation: "RegisterTargets", retryable: false, httpStatusCode: 400 },
      );
    for (const id of instanceIds) group.register(this.#ec2.instances.get(id)!);
  }

  async deregister(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    const group = this.#group("DeregisterTargets", targetGroupArn);
    for (const id of instanceIds) group.deregister(id);
  }

  async health(targetGroupArn: string, instanceIds?: string[]): Promise<TargetHealth[]> {
    return this.#group("DescribeTargetHealth", targetGroupArn).health(instanceIds);
  }

  async deregistrationDelaySeconds(targetGroupArn: string): Promise<number> {
    return this.#group("DescribeTargetGroupAttributes", targetGroupArn).settings.deregistrationDelaySeconds;
  }

  #group(operation: string, arn: string): SimTargetGroup {
    const g = this.#lb.groups.get(arn);
    if (!g)
      throw new AwsNotFoundError(`One or more target groups not found`, {
        code: "TargetGroupNotFound",
        operation,
        retryable: false,
        httpStatusCode: 400,
      });
    return g;
  }
}
