import { describe, expect, it } from "vitest";
import { AwsNotFoundError, AwsValidationError } from "../../../shared/ports/errors.ts";
import { SimTargets } from "../../../sim/cloud/targets-port.ts";
import { advance, cloudFixture, TG_ARN } from "./fixture.ts";

describe("simulated target group", () => {
  it("shows a registration only after ELBv2's consistency lag, then `initial`, then `healthy` after one passing check", async () => {
    const { clock, lb, warmNode } = cloudFixture();
    const node = warmNode();
    const targets = new SimTargets(lb);
    await targets.register(TG_ARN, [node.instanceId]);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]).toMatchObject({
      state: "unused",
      reason: "Target.NotRegistered",
    });
    await advance(clock, 3);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]).toMatchObject({ state: "initial" });
    await advance(clock, 8); // the first check runs 10 s after registration
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]).toEqual({
      instanceId: node.instanceId,
      state: "healthy",
    });
  });

  it("waits 90–180 s before the first check of an NLB target", async () => {
    const { clock, lb, warmNode } = cloudFixture({
      targetGroup: { type: "nlb", healthCheck: "tcp", registrationDelaySeconds: { min: 90, max: 180 } },
    });
    const node = warmNode();
    const targets = new SimTargets(lb);
    await targets.register(TG_ARN, [node.instanceId]);
    await advance(clock, 89);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]?.state).toBe("initial");
    await advance(clock, 92);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]?.state).toBe("healthy");
  });

  it("drains a deregistered target (an ALB ends early when idle) and then forgets it", async () => {
    const { clock, lb, tg, warmNode } = cloudFixture();
    const node = warmNode();
    tg.adopt(node, "healthy");
    const targets = new SimTargets(lb);
    await targets.deregister(TG_ARN, [node.instanceId]);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]).toMatchObject({
      state: "draining",
      reason: "Target.DeregistrationInProgress",
    });
    expect(tg.routable()).toEqual([]);
    await advance(clock, 31);
    expect((await targets.health(TG_ARN, [node.instanceId]))[0]?.state).toBe("unused");
  });

  it("refuses to register an instance that is not running, and names an unknown target group", async () => {
    const { lb, ec2, newInstance } = cloudFixture();
    const pending = newInstance("us-east-1a");
    ec2.add(pending);
    const targets = new SimTargets(lb);
    await expect(targets.register(TG_ARN, [pending.instanceId])).rejects.toBeInstanceOf(AwsValidationError);
    await expect(
      targets.health("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1", []),
    ).rejects.toBeInstanceOf(AwsNotFoundError);
  });

  it("routes to healthy targets only, and fails open to all of them when none is healthy", async () => {
    const { tg, warmNode } = cloudFixture();
    const a = warmNode();
    const b = warmNode();
    tg.adopt(a, "healthy");
    tg.adopt(b, "unhealthy", "Target.FailedHealthChecks");
    expect(tg.routable().map((i) => i.instanceId)).toEqual([a.instanceId]);
    tg.adopt(a, "unhealthy", "Target.FailedHealthChecks");
    expect(
      tg
        .routable()
        .map((i) => i.instanceId)
        .sort(),
    ).toEqual([a.instanceId, b.instanceId].sort());
  });

  it("marks a target unhealthy after `unhealthyThreshold` failed checks", async () => {
    const { clock, tg, cp, newInstance, ec2 } = cloudFixture({ targetGroup: { healthCheck: "http-status-ready" } });
    const node = newInstance("us-east-1a", {}, true);
    ec2.add(node);
    tg.adopt(node, "healthy");
    cp.setUp(false); // API7 answers 503 on /status/ready while its CP is down
    await advance(clock, 61);
    expect(tg.stateOf(node.instanceId)).toBe("unhealthy");
  });
});
