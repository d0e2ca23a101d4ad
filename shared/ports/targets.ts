/** ELBv2 target groups. Implemented by `shared/aws/elbv2.ts` and the simulator. */

export type TargetState = "initial" | "healthy" | "unhealthy" | "unused" | "draining" | "unavailable";

export interface TargetHealth {
  instanceId: string;
  state: TargetState;
  /** ELBv2 reason code, e.g. Elb.RegistrationInProgress, Target.DeregistrationInProgress, Target.NotRegistered. */
  reason?: string;
}

export interface TargetsPort {
  /** Idempotent: registering a registered target is fine. */
  register(targetGroupArn: string, instanceIds: string[]): Promise<void>;
  /** Idempotent: deregistering an unknown target succeeds. */
  deregister(targetGroupArn: string, instanceIds: string[]): Promise<void>;
  /** Health of the given targets (all registered targets when omitted). Unknown ids come back `unused`. */
  health(targetGroupArn: string, instanceIds?: string[]): Promise<TargetHealth[]>;
  deregistrationDelaySeconds(targetGroupArn: string): Promise<number>;
}
