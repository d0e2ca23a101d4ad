/**
 * Issue 12's lifecycle defects, each killed here at handler level (the real launch and drain handlers over the
 * in-memory doubles of `test-kit/`, or the real ELBv2 adapter over aws-sdk-client-mock): a lifecycle action never
 * times out while we are still deciding it, and one that does is announced; `InvalidTarget` on DeregisterTargets is
 * "already deregistered"; heart-beating never delays a probe; continuations and duplicates are hints, and the
 * instance's live lifecycle state decides — also when the group is read stale.
 */
import {
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { abandonRecords } from "../../shared/domain/breaker-records.ts";
import { continuationPayload, initialWaitState } from "../../shared/events/lifecycle-continuation.ts";
import { AwsThrottlingError } from "../../shared/ports/errors.ts";
import { OWN_METRICS } from "../../shared/ports/metrics.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { abandonLaunch } from "../../shared/services/launch/abandon.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import {
  ASG,
  DP_MANAGER_DOWN,
  eventBridgeLifecycle,
  LAUNCH_HOOK,
  LifecycleWorld,
  OK_API7,
  REFUSED,
  TERMINATE_HOOK,
  TG_ALB,
  TG_NLB,
  type WorldOptions,
} from "../../test-kit/fake-fleet-world.ts";
import { SchedulingClock } from "../../test-kit/manual-clock.ts";
import { staleReads } from "../../test-kit/stale-fleet.ts";
import { sdkError } from "../unit/aws/sdk-errors.ts";

const ID = "i-0a1b2c3d4e5f60718";
const throttled = () =>
  new AwsThrottlingError("Rate exceeded", {
    code: "Throttling",
    operation: "RecordLifecycleActionHeartbeat",
    retryable: true,
    httpStatusCode: 400,
  });

function world(options: WorldOptions = {}) {
  const w = new LifecycleWorld(options);
  const expired: string[] = [];
  w.clock.onAdvance(() => w.fleet.expireHooks((a) => expired.push(a.instanceId)));
  const published: string[] = [];
  w.deps.publisher = { publish: (_c, metrics) => published.push(...metrics.map((m) => m.name)) };
  const launch = createLaunchHandler(w.deps);
  const drain = createDrainHandler(w.deps);
  return {
    w,
    expired,
    published,
    launch: (e: unknown) => launch(e, w.context()),
    drain: (e: unknown) => drain(e, w.context()),
  };
}

describe("a lifecycle action never times out while we are still deciding it", () => {
  it("a 60 s poll interval under a 30 s hook: every sleep ends by the next heartbeat due, the hook never expires", async () => {
    // Before: the wait slept min(poll, deadline − now) = 60 s, and the hook expired silently at 30 s.
    const { w, expired, launch } = world({
      hookTimeoutSeconds: 30,
      cluster: { readiness: { pollIntervalSeconds: 60, deadlineSeconds: 180 } },
    });
    const r = await launch(w.launch(ID));
    expect(expired).toEqual([]);
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(w.fleet.completions("ABANDON")[0]!.result).toBe("completed");
    expect(Math.max(...w.clock.sleeps)).toBeLessThanOrEqual(15_000);
    expect(w.fleet.heartbeats().length).toBeGreaterThanOrEqual(180 / 15 - 1);
  });

  it("a hook that expired under us is an error: logged, counted, announced, and its CP abandon counted", async () => {
    // Heartbeats fail for good (throttled after every retry): the hook runs out of time before the deadline.
    const { w, expired, published, launch } = world({
      hookTimeoutSeconds: 40,
      cluster: { readiness: { deadlineSeconds: 120 }, controlPlane: { breaker: { abandonsToOpen: 3 } } },
    });
    w.deps.fleet.recordLifecycleActionHeartbeat = async () => Promise.reject(throttled());
    w.answer = () => DP_MANAGER_DOWN;
    const r = await launch(w.launch(ID));
    expect(expired).toEqual([ID]);
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(w.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "not-found" })]);
    // Before: no message, no metric, no breaker count.
    expect(w.notificationsOf("autoscaler-error")).toEqual([
      expect.objectContaining({ functionName: "launch", message: expect.stringContaining("hook timed out") }),
    ]);
    expect(published).toContain(OWN_METRICS.lifecycleHooksExpired);
    expect(w.log.records().some((l) => l.level === "ERROR" && /hook expired/.test(String(l.message)))).toBe(true);
    expect(abandonRecords(w.fleet.groups.get(ASG)!.tags).map((a) => a.instanceId)).toEqual([ID]);
  });
});

describe("heart-beating never delays probing or the deadline", () => {
  it("a heartbeat failing with backoff runs beside the probes: no gap longer than the poll interval, judged at 45 s", async () => {
    // Before: the heartbeat's retries (1 + 2 + 4 + 8 s of backoff) ran inline in the probe loop: no probe for 15–17 s
    // at a time, and a 45 s deadline was judged at 51 s.
    const clock = new SchedulingClock();
    const { w, launch } = world({ clock, hookTimeoutSeconds: 20, cluster: { readiness: { deadlineSeconds: 45 } } });
    let beats = 0;
    w.deps.fleet.recordLifecycleActionHeartbeat = async () => {
      beats++;
      throw throttled();
    };
    w.answer = () => REFUSED;
    const start = clock.now();
    const r = await clock.drive(launch(w.launch(ID)));
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(beats).toBeGreaterThanOrEqual(5);
    const times = w.probes.map((p) => p.at - start);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000);
    const abandonAt = w.fleet.completions("ABANDON")[0]!.at - start;
    expect(abandonAt).toBeGreaterThanOrEqual(45_000);
    expect(abandonAt).toBeLessThan(47_000);
  });
});

const elb = mockClient(ElasticLoadBalancingV2Client);
const invalidTarget = () =>
  sdkError(ElasticLoadBalancingV2ServiceException, {
    name: "InvalidTargetException",
    code: "InvalidTarget",
    message: `The following targets are not valid instances: '${ID}'`,
    status: 400,
  });

describe("DeregisterTargets answering InvalidTarget (the real ELBv2 adapter, as an independent emulator answers)", () => {
  beforeEach(() => {
    elb.reset();
    elb.on(DeregisterTargetsCommand).rejects(invalidTarget());
    elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    elb.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
  });
  const withElbv2 = (options: WorldOptions = {}) => {
    const x = world(options);
    x.w.deps.targets = new Elbv2Targets(new ElasticLoadBalancingV2Client({ region: "eu-west-1" }));
    return x;
  };

  it("the abandon path: the instance is gone, deregistering it is done, and ABANDON is sent", async () => {
    // Before: InvalidTarget failed the invocation on every retry; CompleteLifecycleAction was never sent.
    const { w, launch } = withElbv2({ cluster: { readiness: { deadlineSeconds: 30 } } });
    w.answer = () => REFUSED;
    const r = await launch(w.launch(ID));
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(w.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "completed" })]);
    expect(elb.commandCalls(DeregisterTargetsCommand).length).toBeGreaterThanOrEqual(2);
  });

  it("drain: deregistering an unknown target is done, and CONTINUE is sent", async () => {
    const { w, drain } = withElbv2();
    const event = await w.terminate(ID);
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(w.fleet.completions("CONTINUE")).toEqual([expect.objectContaining({ result: "completed" })]);
  });
});

describe("continuations and duplicates are hints; live state decides", () => {
  it("a forged drain continuation naming an InService node deregisters nothing", async () => {
    // Before: it deregistered the node from every target group and reported already-done.
    const { w, drain } = world();
    w.inService(ID);
    await w.targets.register(TG_ALB, [ID]);
    await w.targets.register(TG_NLB, [ID]);
    const forged = continuationPayload(
      "drain",
      initialWaitState({
        transition: "terminating",
        groupName: ASG,
        hookName: TERMINATE_HOOK,
        instanceId: ID,
        startedAt: w.clock.now(),
      }),
    );
    const r = await drain(forged);
    expect(r.outcomes[0]).toMatchObject({ status: "ignored" });
    expect(w.targets.registeredAnywhere(ID).sort()).toEqual([TG_ALB, TG_NLB].sort());
    expect(w.targets.calls.filter((c) => c.op === "deregister")).toEqual([]);
  });

  it("an abandon about a node already in service (a stale or forged message) deregisters and abandons nothing", async () => {
    const { w } = world();
    w.inService(ID);
    await w.targets.register(TG_ALB, [ID]);
    await w.targets.register(TG_NLB, [ID]);
    const state = initialWaitState({
      transition: "launching",
      groupName: ASG,
      hookName: LAUNCH_HOOK,
      instanceId: ID,
      startedAt: w.clock.now() - 3600_000,
    });
    const r = await abandonLaunch(
      w.deps,
      w.cluster,
      state,
      { remainingMs: () => 600_000 },
      {
        kind: "deadline",
        lastReason: "connection refused",
        cpRelated: false,
      },
    );
    expect(r).toMatchObject({ status: "already-done" });
    expect(w.targets.calls.filter((c) => c.op === "deregister")).toEqual([]);
    expect(w.fleet.completions()).toEqual([]);
  });

  it("a launch continuation with startedAt in the future is clamped to what Auto Scaling reports: heartbeats, then the deadline", async () => {
    // Before: it handed over indefinitely (the deadline never came) and never heartbeat (none was ever due).
    const { w, expired, launch } = world({ hookTimeoutSeconds: 60, cluster: { readiness: { deadlineSeconds: 300 } } });
    w.launch(ID);
    w.fleet.activities.set(ASG, [
      {
        activityId: "a1",
        statusCode: "InProgress",
        description: `Launching a new EC2 instance: ${ID}`,
        cause: "…",
        startTime: w.clock.now(),
      },
    ]);
    const start = w.clock.now();
    const forged = continuationPayload("launch", {
      ...initialWaitState({
        transition: "launching",
        groupName: ASG,
        hookName: LAUNCH_HOOK,
        instanceId: ID,
        token: `token-${ID}`,
        startedAt: start + 10 * 24 * 3600_000,
      }),
      lastHeartbeatAt: start + 10 * 24 * 3600_000,
      handovers: 3,
    });
    let r = await launch(forged);
    for (let hops = 0; r.outcomes[0]!.status === "handed-over" && hops < 10; hops++)
      r = await launch(w.takeHandovers()[0]!.payload);
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(w.fleet.completions("ABANDON")[0]!.at - start).toBeLessThanOrEqual(305_000);
    expect(w.fleet.heartbeats().length).toBeGreaterThanOrEqual(300 / 30 - 1);
    expect(expired).toEqual([]);
  });

  it("launch never registers a node that left Pending:Wait meanwhile (re-checked right before RegisterTargets)", async () => {
    const { w, launch } = world();
    const event = w.launch(ID);
    // The node answers ready the moment Auto Scaling starts terminating it (e.g. a scale-in of a node still waiting).
    const start = w.clock.now();
    w.answer = (_url, now) => (now - start >= 20_000 ? OK_API7 : REFUSED);
    w.clock.at(start + 19_000, () => w.fleet.setLifecycleState(ASG, ID, "Terminating:Wait"));
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.targets.calls.filter((c) => c.op === "register")).toEqual([]);
    expect(w.fleet.completions("CONTINUE")).toEqual([]);
  });

  it("settle-ended on a stale read: a duplicate never leaves a node InService and unregistered", async () => {
    // Before: the duplicate's CONTINUE found the action gone, read the group stale (still Pending:Wait), and
    // deregistered the node the first invocation had just put in service — silently.
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const stale = staleReads(w.fleet, w.clock, 10_000);
    w.deps.fleet = stale;
    const first = await launch(event);
    expect(first.outcomes[0]).toMatchObject({ status: "continued" });
    const duplicate = await launch(event);
    expect(stale.staleAnswers).toBeGreaterThan(0);
    expect(duplicate.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    expect(w.targets.registeredAnywhere(ID).sort()).toEqual([TG_ALB, TG_NLB].sort());
    expect(w.notificationsOf("node-ready")).toHaveLength(1);
  });

  it("a drain toward a warm pool (no longer listed among the group's instances) deregisters and completes", async () => {
    // Before: "instance is gone" → already-done, no CONTINUE: the hook's timeout ended the action.
    const { w, drain } = world({ targets: { drainForMs: 20_000 } });
    await w.terminate(ID);
    const group = w.fleet.groups.get(ASG)!;
    group.instances = group.instances.filter((i) => i.instanceId !== ID);
    const event = eventBridgeLifecycle("terminating", {
      instanceId: ID,
      token: `token-${ID}`,
      hookName: TERMINATE_HOOK,
      time: w.clock.now(),
      destination: "WarmPool",
    });
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    expect(w.fleet.completions("CONTINUE")).toEqual([expect.objectContaining({ result: "completed" })]);
  });
});
