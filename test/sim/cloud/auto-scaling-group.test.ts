import { describe, expect, it } from "vitest";
import { AwsValidationError } from "../../../shared/ports/errors.ts";
import type { ActionOutcome, ActiveAction } from "../../../sim/cloud/auto-scaling-group.ts";
import { SimFleet } from "../../../sim/cloud/fleet-port.ts";
import { advance, cloudFixture, LAUNCH_HOOK, TERMINATE_HOOK } from "./fixture.ts";

function recordActions(asg: ReturnType<typeof cloudFixture>["asg"]) {
  const started: { action: ActiveAction; transition: string }[] = [];
  const ended: { instanceId: string; transition: string; outcome: ActionOutcome }[] = [];
  asg.listen({
    lifecycleEvent: (action, transition) => started.push({ action, transition }),
    actionEnded: (action, transition, outcome) => ended.push({ instanceId: action.instanceId, transition, outcome }),
  });
  return { started, ended };
}

describe("simulated Auto Scaling group", () => {
  it("launches after its reaction delay and holds the instance in Pending:Wait, announcing the action", async () => {
    const { clock, asg } = cloudFixture();
    const { started } = recordActions(asg);
    asg.setDesired(1);
    await advance(clock, 4);
    expect(asg.members.size).toBe(0);
    await advance(clock, 4);
    const [member] = [...asg.members.values()];
    expect(member?.lifecycleState).toBe("Pending:Wait");
    expect(started).toHaveLength(1);
    expect(started[0]?.transition).toBe("launching");
    expect(started[0]?.action.hook.name).toBe(LAUNCH_HOOK.name);
  });

  it("puts a CONTINUEd instance in service, and completing twice finds nothing", async () => {
    const { clock, asg } = cloudFixture();
    const { started } = recordActions(asg);
    asg.setDesired(1);
    await advance(clock, 10);
    const action = started[0]!.action;
    expect(asg.complete(LAUNCH_HOOK.name, action.instanceId, action.token, "CONTINUE")).toBe("completed");
    expect(asg.members.get(action.instanceId)?.lifecycleState).toBe("InService");
    expect(asg.complete(LAUNCH_HOOK.name, action.instanceId, action.token, "CONTINUE")).toBe("not-found");
  });

  it("terminates an ABANDONed launch and launches a replacement", async () => {
    const { clock, asg, ec2 } = cloudFixture();
    const { started } = recordActions(asg);
    asg.setDesired(1);
    await advance(clock, 10);
    const first = started[0]!.action;
    asg.complete(LAUNCH_HOOK.name, first.instanceId, undefined, "ABANDON");
    await advance(clock, 60);
    expect(ec2.instances.get(first.instanceId)?.state).toBe("terminated");
    const active = asg.activeMembers();
    expect(active).toHaveLength(1);
    expect(active[0]?.instance.instanceId).not.toBe(first.instanceId);
  });

  it("applies the DefaultResult when the heartbeat timeout passes, and a heartbeat restarts the timeout", async () => {
    const { clock, asg } = cloudFixture();
    const { started, ended } = recordActions(asg);
    asg.setDesired(1);
    await advance(clock, 10);
    const action = started[0]!.action;
    await advance(clock, 200);
    expect(asg.heartbeat(LAUNCH_HOOK.name, action.instanceId, action.token)).toBe("recorded");
    await advance(clock, 200); // 400 s after the start, 200 s after the heartbeat: still waiting
    expect(ended).toEqual([]);
    await advance(clock, 150);
    expect(ended).toEqual([{ instanceId: action.instanceId, transition: "launching", outcome: "timeout-abandon" }]);
  });

  it("rejects a desired size above max with Auto Scaling's ValidationError and changes nothing", async () => {
    const { asg } = cloudFixture({ desired: 2, max: 4 });
    expect(() => asg.setDesired(5)).toThrow(AwsValidationError);
    expect(() => asg.setDesired(5)).toThrow(/New SetDesiredCapacity value 5 is above max value 4/);
    expect(asg.desired).toBe(2);
  });

  it("scales in through the terminate hook: Terminating:Wait until completed, then terminated", async () => {
    const { clock, asg, ec2, warmNode } = cloudFixture({ desired: 2 });
    warmNode("us-east-1a");
    warmNode("us-east-1b");
    const { started } = recordActions(asg);
    asg.setDesired(1);
    await advance(clock, 10);
    expect(started).toHaveLength(1);
    const action = started[0]!.action;
    expect(started[0]?.transition).toBe("terminating");
    expect(asg.members.get(action.instanceId)?.lifecycleState).toBe("Terminating:Wait");
    asg.complete(TERMINATE_HOOK.name, action.instanceId, action.token, "CONTINUE");
    await advance(clock, 60);
    expect(ec2.instances.get(action.instanceId)?.state).toBe("terminated");
    expect(asg.members.has(action.instanceId)).toBe(false);
  });

  it("takes scale-in victims from the Availability Zone with the most instances", async () => {
    const { clock, asg, warmNode } = cloudFixture({ desired: 3, hooks: [] });
    warmNode("us-east-1a");
    const b1 = warmNode("us-east-1b");
    const b2 = warmNode("us-east-1b");
    const terminating: string[] = [];
    asg.listen({ terminating: (i) => terminating.push(i.instanceId) });
    asg.setDesired(2);
    await advance(clock, 10);
    expect(terminating).toHaveLength(1);
    expect([b1.instanceId, b2.instanceId]).toContain(terminating[0]);
  });

  it("without hooks, registers a new instance in attached target groups once running (ASG-native)", async () => {
    const { clock, asg, tg } = cloudFixture({ hooks: [], attach: true });
    asg.setDesired(1);
    await advance(clock, 25);
    const [member] = [...asg.members.values()];
    expect(member?.lifecycleState).toBe("InService");
    expect(tg.isRegistered(member!.instance.instanceId)).toBe(true);
    // …although the gateway on it has not booted yet: registration does not wait for readiness.
    expect(member?.instance.node.firstReadyAt).toBeUndefined();
  });

  it("lists activities newest first through the FleetPort", async () => {
    const { clock, asg } = cloudFixture();
    const fleet = new SimFleet([asg]);
    asg.setDesired(2);
    await advance(clock, 10);
    const activities = await fleet.recentActivities("dp-asg", 10);
    expect(activities).toHaveLength(2);
    expect(activities.every((a) => a.description.startsWith("Launching a new EC2 instance: i-"))).toBe(true);
    expect(activities[0]!.startTime).toBeGreaterThanOrEqual(activities[1]!.startTime);
  });
});
