/**
 * The fault matrix's single-call rows, at handler level (the real launch, drain and scaler handlers over the
 * in-memory doubles of `test-kit/`, Auto Scaling's hook timeouts enforced on the virtual clock): duplicated (×3)
 * and reordered events, events for instances already gone, a crash between RegisterTargets and
 * CompleteLifecycleAction followed by Lambda's retry, a wait crossing Lambda's 900 s, a throttled call in the middle
 * of a wait, and concurrent scaler invocations.
 */
import { describe, expect, it } from "vitest";
import { AwsServiceError, AwsThrottlingError } from "../../shared/ports/errors.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import {
  ASG,
  eventBridgeLifecycle,
  LAUNCH_HOOK,
  LifecycleWorld,
  OK_API7,
  REFUSED,
  TG_ALB,
  TG_NLB,
  type WorldOptions,
} from "../../test-kit/fake-fleet-world.ts";

const ID = "i-0a1b2c3d4e5f60718";
const throttled = (operation: string) =>
  new AwsThrottlingError("Rate exceeded", { code: "Throttling", operation, retryable: true, httpStatusCode: 400 });

/** A world whose hooks time out as Auto Scaling's do, whenever virtual time moves. */
function world(options: WorldOptions = {}) {
  const w = new LifecycleWorld(options);
  const expired: string[] = [];
  w.clock.onAdvance(() => w.fleet.expireHooks((a) => expired.push(a.instanceId)));
  const launch = createLaunchHandler(w.deps);
  const drain = createDrainHandler(w.deps);
  return { w, expired, launch: (e: unknown) => launch(e, w.context()), drain: (e: unknown) => drain(e, w.context()) };
}

describe("duplicated and reordered events", () => {
  it("a launch event delivered three times at once: registered once per target group, one CONTINUE, one announcement", async () => {
    const { w, launch, expired } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const results = await Promise.all([launch(event), launch(event), launch(event)]);
    expect(results.flatMap((r) => r.outcomes.map((o) => o.status)).sort()).toEqual([
      "already-done",
      "already-done",
      "continued",
    ]);
    expect(w.fleet.completions("CONTINUE").filter((c) => c.result === "completed")).toHaveLength(1);
    expect(w.targets.registeredAnywhere(ID).sort()).toEqual([TG_ALB, TG_NLB].sort());
    expect(w.notificationsOf("node-ready")).toHaveLength(1);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    expect(expired).toEqual([]);
  });

  it("a terminate event delivered three times: deregistered, one CONTINUE, one announcement", async () => {
    const { w, drain } = world({ targets: { drainForMs: 20_000 } });
    const event = await w.terminate(ID);
    const results = await Promise.all([drain(event), drain(event), drain(event)]);
    expect(results.flatMap((r) => r.outcomes.map((o) => o.status))).toContain("continued");
    expect(w.fleet.completions("CONTINUE").filter((c) => c.result === "completed")).toHaveLength(1);
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    expect(w.notificationsOf("node-drained")).toHaveLength(1);
  });

  it("reordered: the launch event arrives after the instance was already scaled in — it is only deregistered", async () => {
    const { w, launch, drain } = world({ answer: () => OK_API7 });
    const launchEvent = w.launch(ID);
    // The node was scaled in before its launch event came: the terminate event is handled first.
    w.fleet.pending.delete(ID);
    const terminateEvent = await w.terminate(ID);
    await drain(terminateEvent);
    const late = await launch(launchEvent);
    expect(late.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    expect(w.fleet.completions("CONTINUE").map((c) => c.instanceId)).toEqual([ID]);
    expect(w.notificationsOf("node-ready")).toEqual([]);
  });

  it("an event delayed past its hook's timeout finds the action gone and leaves no target behind", async () => {
    const { w, launch, expired } = world({ answer: () => OK_API7, hookTimeoutSeconds: 60 });
    const event = w.launch(ID);
    await w.clock.advance(61_000);
    expect(expired).toEqual([ID]);
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
  });
});

describe("events for instances already gone", () => {
  it("launch: EC2 no longer knows the instance — ABANDON (found nothing), never probed or registered", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    w.instances.forget(ID);
    w.fleet.pending.delete(ID);
    const r = await launch(event);
    expect(r.outcomes[0]!.status).toMatch(/abandoned|already-done/);
    expect(w.probes).toEqual([]);
    expect(w.targets.calls.filter((c) => c.op === "register")).toEqual([]);
    expect(w.notificationsOf("node-abandoned")).toEqual([]);
  });

  it("drain: the instance left the group already — deregistered (idempotent), its action found gone", async () => {
    const { w, drain } = world();
    const event = await w.terminate(ID);
    w.fleet.pending.delete(ID);
    w.fleet.groups.get(ASG)!.instances = [];
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    // An instance the group no longer lists may be leaving for a warm pool: its action is completed, never left to
    // the hook's timeout; here it was already over.
    expect(w.fleet.completions()).toEqual([expect.objectContaining({ result: "not-found" })]);
  });
});

describe("a crash between RegisterTargets and CompleteLifecycleAction", () => {
  it("Lambda's retry (the same event, twice more) registers idempotently and CONTINUEs exactly once", async () => {
    const { w, launch, expired } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    w.fleet.failNext("complete", new Error("Runtime exited with error: signal: killed"));
    await expect(launch(event)).rejects.toThrow("killed");
    expect(w.targets.registeredAnywhere(ID)).toHaveLength(2);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("Pending:Wait");

    // Lambda retries an asynchronous invoke about 1 and 2 minutes later.
    await w.clock.advance(60_000);
    const retry = await launch(event);
    await w.clock.advance(120_000);
    const again = await launch(event);
    expect(retry.outcomes[0]).toMatchObject({ status: "continued" });
    expect(again.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.targets.calls.filter((c) => c.op === "register")).toHaveLength(4);
    expect(w.targets.registeredAnywhere(ID)).toHaveLength(2);
    expect(w.fleet.completions("CONTINUE").filter((c) => c.result === "completed")).toHaveLength(1);
    expect(w.notificationsOf("node-ready")).toHaveLength(1);
    expect(expired).toEqual([]);
  });

  it("when the node stopped answering before the retry, the retry deregisters it before it ABANDONs", async () => {
    const { w, launch } = world({ answer: () => OK_API7, cluster: { readiness: { deadlineSeconds: 60 } } });
    const event = w.launch(ID);
    w.fleet.failNext("complete", new Error("Runtime exited with error: signal: killed"));
    await expect(launch(event)).rejects.toThrow("killed");
    w.answer = () => REFUSED;
    const retry = await launch(event);
    expect(retry.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    const lastDeregister = Math.max(...w.targets.calls.filter((c) => c.op === "deregister").map((c) => c.at));
    const abandon = w.fleet.completions("ABANDON")[0]!;
    expect(lastDeregister).toBeLessThanOrEqual(abandon.at);
  });
});

describe("a launch wait crossing Lambda's 900 s", () => {
  it("hands over before the time runs out, heart-beats so the hook never expires, and the continuation finishes", async () => {
    const { w, expired } = world({
      cluster: { readiness: { deadlineSeconds: 2400 }, controlPlane: { breaker: { windowSeconds: 2400 } } },
      hookTimeoutSeconds: 300,
    });
    const handler = createLaunchHandler(w.deps);
    const start = w.clock.now();
    const event = w.launch(ID);
    w.answer = (_u, now) => (now - start >= 1_500_000 ? OK_API7 : REFUSED);

    let payload: unknown = event;
    const invocations: { status: string; usedMs: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const begun = w.clock.now();
      const r = await handler(payload, w.context(900_000));
      invocations.push({ status: r.outcomes[0]!.status, usedMs: w.clock.now() - begun });
      const next = w.takeHandovers()[0];
      if (!next) break;
      // The asynchronous self-invoke travels as JSON.
      payload = JSON.parse(JSON.stringify(next.payload));
    }
    expect(invocations.map((i) => i.status)).toEqual(["handed-over", "continued"]);
    for (const i of invocations) expect(i.usedMs).toBeLessThan(900_000);
    expect(expired).toEqual([]);
    expect(w.fleet.heartbeats().length).toBeGreaterThanOrEqual(4);
    expect(w.notificationsOf("node-ready")[0]!.secondsToReady).toBeGreaterThanOrEqual(1500);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
  });
});

describe("a throttled call in the middle of a wait", () => {
  it("launch: a throttled DescribeInstances is 'not known yet' — the wait goes on and the node is registered", async () => {
    const { w, launch } = world();
    const start = w.clock.now();
    const event = w.launch(ID);
    w.answer = (_u, now) => (now - start >= 60_000 ? OK_API7 : REFUSED);
    const describe = w.instances.describeInstance.bind(w.instances);
    let calls = 0;
    w.deps.instances.describeInstance = async (id) => {
      calls++;
      if (calls === 2) throw throttled("DescribeInstances");
      return describe(id);
    };
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(w.log.records().some((x) => x.message === "instance not readable; will retry at the next poll")).toBe(true);
  });

  it("launch: a non-retryable failure still fails the invocation (for Lambda's retry and the alarm)", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    w.deps.instances.describeInstance = async () => {
      throw new AwsServiceError("not authorized", { code: "UnauthorizedOperation", operation: "x", retryable: false });
    };
    await expect(launch(event)).rejects.toThrow("not authorized");
  });

  it("drain: a throttled DescribeTargetHealth poll is 'not known yet' — the drain completes", async () => {
    const { w, drain } = world({ targets: { drainForMs: 20_000 } });
    const event = await w.terminate(ID);
    w.targets.failNext("health", throttled("DescribeTargetHealth"));
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(w.fleet.completions("CONTINUE").filter((c) => c.result === "completed")).toHaveLength(1);
    expect(w.log.records().some((x) => x.message === "target health not readable; will retry at the next poll")).toBe(
      true,
    );
  });
});

describe("concurrent scaler-side lifecycle events", () => {
  it("launch and terminate of different instances in one SQS batch are handled independently", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const a = w.launch(ID);
    const b = w.launch("i-0a1b2c3d4e5f60720");
    const sqs = {
      Records: [a, b].map((e, i) => ({
        messageId: `m-${i}`,
        receiptHandle: "h",
        body: JSON.stringify(e),
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: "1",
          SenderId: "s",
          ApproximateFirstReceiveTimestamp: "1",
        },
        messageAttributes: {},
        md5OfBody: "x",
        eventSource: "aws:sqs",
        eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:q",
        awsRegion: "eu-west-1",
      })),
    };
    const r = await launch(sqs);
    expect(r.batchItemFailures).toEqual([]);
    expect(r.outcomes.map((o) => o.status)).toEqual(["continued", "continued"]);
    expect(w.fleet.completions("CONTINUE")).toHaveLength(2);
  });

  it("an EventBridge event of an unmanaged group is acknowledged and nothing is touched", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = eventBridgeLifecycle("launching", {
      instanceId: ID,
      hookName: LAUNCH_HOOK,
      time: w.clock.now(),
      groupName: "someone-elses-asg",
    });
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "ignored" });
    expect(w.fleet.calls.filter((c) => c.op !== "describeGroup")).toEqual([]);
    expect(w.targets.calls).toEqual([]);
  });
});
