/**
 * "No lifecycle action is left to time out silently", under throttled AWS calls, at handler level (the real scaler,
 * launch and drain handlers over the in-memory doubles of `test-kit/`, hook timeouts enforced on the virtual
 * clock): the scaler sweeps even when its observation or decision failed; CompleteLifecycleAction and
 * RecordLifecycleActionHeartbeat, Register/DeregisterTargets and the invocation's first DescribeAutoScalingGroups are
 * retried with backoff within the invocation; a sweep heartbeats the action.
 */
import { describe, expect, it } from "vitest";
import { AwsThrottlingError } from "../../shared/ports/errors.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import { settleEndedLaunch } from "../../shared/services/launch/settle-ended.ts";
import { LOST_EVENT_GRACE_MS } from "../../shared/services/lifecycle/sweep.ts";
import { createScalerHandler, type ScalerHandlerOptions } from "../../shared/services/scaler/create-handler.ts";
import {
  ASG,
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

/** Makes `port[method]` reject with `error()` for its next `times` calls, then behave again; counts the calls. */
function failTimes<T extends object>(port: T, method: keyof T & string, times: number, error: () => Error) {
  const original = (port[method] as (...a: unknown[]) => Promise<unknown>).bind(port);
  const counter = { calls: 0 };
  let left = times;
  Object.assign(port, {
    [method]: (...args: unknown[]) => {
      counter.calls++;
      return left-- > 0 ? Promise.reject(error()) : original(...args);
    },
  });
  return counter;
}

function world(options: WorldOptions = {}) {
  const w = new LifecycleWorld(options);
  const expired: string[] = [];
  w.clock.onAdvance(() => w.fleet.expireHooks((a) => expired.push(a.instanceId)));
  const launch = createLaunchHandler(w.deps);
  const drain = createDrainHandler(w.deps);
  const scaler = (options?: ScalerHandlerOptions) =>
    createScalerHandler(w.deps, options)({ reconcile: "all" }, w.context(60_000));
  return {
    w,
    expired,
    scaler,
    launch: (e: unknown, timeoutMs?: number) => launch(e, w.context(timeoutMs)),
    drain: (e: unknown) => drain(e, w.context()),
  };
}

/** A launch whose event is lost, its scaling activity readable, now past the sweep's grace period. */
async function lostLaunch(w: LifecycleWorld) {
  w.launch(ID);
  w.fleet.activities.set(ASG, [
    {
      activityId: "a1",
      statusCode: "InProgress",
      description: `Launching a new EC2 instance: ${ID}`,
      cause: "At 2026-01-15T12:00:00Z a user request update of AutoScalingGroup constraints…",
      startTime: w.clock.now(),
    },
  ]);
  await w.clock.advance(LOST_EVENT_GRACE_MS);
}

describe("the scaler sweeps lifecycle actions even when its tick fails", () => {
  it("observation throttled (GetMetricData): the tick fails for the cluster, and the waiting launch is still swept", async () => {
    const { w, scaler } = world();
    await lostLaunch(w);
    failTimes(w.deps.metrics, "fetch", 1, () => throttled("GetMetricData"));
    const r = await scaler();
    expect(r.ok).toBe(false);
    expect(r.decisions[0]).toMatchObject({ cluster: "edge", ok: false, error: expect.stringContaining("Throttling") });
    expect(w.handovers.map((h) => [h.fn, (h.payload as { state: { sweep: boolean } }).state.sweep])).toEqual([
      ["launch", true],
    ]);
  });

  it("the decision throws: the group the observation read is swept, with no second DescribeAutoScalingGroups", async () => {
    const { w, scaler } = world();
    await lostLaunch(w);
    const r = await scaler({
      decide: () => {
        throw new Error("decide failed");
      },
    });
    expect(r.decisions[0]).toMatchObject({ ok: false, error: "decide failed" });
    expect(w.handovers).toHaveLength(1);
    expect(w.fleet.calls.filter((c) => c.op === "describeGroup")).toHaveLength(1);
  });

  it("DescribeAutoScalingGroups throttled for the observation: read once more for the sweep", async () => {
    const { w, scaler } = world();
    await lostLaunch(w);
    const reads = failTimes(w.fleet, "describeGroup", 1, () => throttled("DescribeAutoScalingGroups"));
    const r = await scaler();
    expect(r.decisions[0]).toMatchObject({ ok: false, error: expect.stringContaining("Throttling") });
    expect(reads.calls).toBe(2);
    expect(w.handovers).toHaveLength(1);
  });

  it("the group stays unreadable: one retry, then the sweep is skipped with its reason logged, never thrown", async () => {
    const { w, scaler } = world();
    await lostLaunch(w);
    const reads = failTimes(w.fleet, "describeGroup", 3, () => throttled("DescribeAutoScalingGroups"));
    const r = await scaler();
    expect(r.decisions).toEqual([{ cluster: "edge", ok: false, error: expect.stringContaining("Throttling") }]);
    expect(reads.calls).toBe(3);
    expect(w.handovers).toEqual([]);
    expect(w.log.records().some((l) => String(l.message).includes("lifecycle sweep skipped"))).toBe(true);
  });

  it("the sweep's own reads (hooks, activities) are retried on a throttled answer", async () => {
    const { w, scaler } = world();
    await lostLaunch(w);
    const hooks = failTimes(w.fleet, "describeLifecycleHooks", 2, () => throttled("DescribeLifecycleHooks"));
    await scaler();
    expect(hooks.calls).toBe(3);
    expect(w.handovers).toHaveLength(1);
  });
});

describe("CompleteLifecycleAction and heartbeats are retried within the invocation", () => {
  it("CONTINUE throttled twice: retried 1 s then 2 s later (virtual clock), the node registered and continued", async () => {
    const { w, launch, expired } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const completes = failTimes(w.fleet, "completeLifecycleAction", 2, () => throttled("CompleteLifecycleAction"));
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(completes.calls).toBe(3);
    expect(w.clock.sleeps).toEqual([1000, 2000]);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    expect(expired).toEqual([]);
  });

  it("drain: a throttled CONTINUE is retried and the drain completes", async () => {
    const { w, drain } = world();
    const event = await w.terminate(ID);
    failTimes(w.fleet, "completeLifecycleAction", 1, () => throttled("CompleteLifecycleAction"));
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("Terminating:Proceed");
  });

  it("ABANDON throttled: retried, the action abandoned by us rather than by the hook's timeout", async () => {
    const { w, launch, expired } = world({ cluster: { readiness: { deadlineSeconds: 60 } } });
    const event = w.launch(ID);
    const completes = failTimes(w.fleet, "completeLifecycleAction", 1, () => throttled("CompleteLifecycleAction"));
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(completes.calls).toBe(2);
    expect(w.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "completed" })]);
    expect(expired).toEqual([]);
  });

  it("bounded: five attempts at most, then the error goes to Lambda's retry", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const completes = failTimes(w.fleet, "completeLifecycleAction", 99, () => throttled("CompleteLifecycleAction"));
    await expect(launch(event)).rejects.toThrow("Rate exceeded");
    expect(completes.calls).toBe(5);
    expect(w.clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it("bounded by the Lambda time left: no backoff that would leave too little for the call", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const completes = failTimes(w.fleet, "completeLifecycleAction", 99, () => throttled("CompleteLifecycleAction"));
    // 7 s of Lambda time: after the 1 s backoff 6 s are left (enough for a call); the 2 s one would leave 4 s — no.
    await expect(launch(event, 7_000)).rejects.toThrow("Rate exceeded");
    expect(completes.calls).toBe(2);
    expect(w.clock.sleeps).toEqual([1000]);
  });

  it("a non-retryable error is not retried", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const denied = Object.assign(new Error("AccessDenied"), { code: "AccessDenied", retryable: false });
    const completes = failTimes(w.fleet, "completeLifecycleAction", 1, () => denied);
    await expect(launch(event)).rejects.toThrow("AccessDenied");
    expect(completes.calls).toBe(1);
    expect(w.clock.sleeps).toEqual([]);
  });

  it("not-found stays 'done': one call, no retry", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    w.fleet.pending.delete(ID); // completed by someone else meanwhile
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(w.fleet.completions()).toHaveLength(1);
    // The completion is not retried. (The group still reads Pending:Wait although the action is over — a stale read
    // for Auto Scaling — so it is read twice more, 2 s apart, before the registration is left as is.)
    expect(w.clock.sleeps).toEqual([2000, 2000]);
  });

  it("a throttled heartbeat in a long wait is retried at once, not a poll later", async () => {
    const { w, launch, expired } = world({
      hookTimeoutSeconds: 60,
      answer: (_u, now) => (now >= start + 100_000 ? OK_API7 : REFUSED),
    });
    const start = w.clock.now();
    const event = w.launch(ID);
    const beats = failTimes(w.fleet, "recordLifecycleActionHeartbeat", 1, () =>
      throttled("RecordLifecycleActionHeartbeat"),
    );
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(beats.calls).toBeGreaterThanOrEqual(2);
    expect(w.clock.sleeps).toContain(1000);
    expect(expired).toEqual([]);
  });
});

describe("target-group calls and the first group read are retried within the invocation", () => {
  it("RegisterTargets throttled twice (once per group): both retried 1 s later, CONTINUE in the same invocation", async () => {
    const { w, launch, expired } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const registers = failTimes(w.targets, "register", 2, () => throttled("RegisterTargets"));
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(registers.calls).toBe(4);
    expect(w.clock.sleeps).toEqual([1000, 1000]);
    expect(w.targets.registeredAnywhere(ID).sort()).toEqual([TG_ALB, TG_NLB].sort());
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    expect(expired).toEqual([]);
  });

  it("DeregisterTargets throttled: retried, the node leaves both groups and the drain completes", async () => {
    const { w, drain, expired } = world();
    const event = await w.terminate(ID);
    const deregisters = failTimes(w.targets, "deregister", 1, () => throttled("DeregisterTargets"));
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(deregisters.calls).toBe(3);
    expect(w.targets.registeredAnywhere(ID)).toEqual([]);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("Terminating:Proceed");
    expect(expired).toEqual([]);
  });

  it("the launch's first DescribeAutoScalingGroups throttled: read again, CONTINUE in the same invocation", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    const reads = failTimes(w.fleet, "describeGroup", 1, () => throttled("DescribeAutoScalingGroups"));
    const r = await launch(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(reads.calls).toBeGreaterThanOrEqual(2);
    expect(w.clock.sleeps[0]).toBe(1000);
  });

  it("the drain's group read throttled: read again, the drain completes", async () => {
    const { w, drain } = world();
    const event = await w.terminate(ID);
    failTimes(w.fleet, "describeGroup", 1, () => throttled("DescribeAutoScalingGroups"));
    const r = await drain(event);
    expect(r.outcomes[0]).toMatchObject({ status: "continued" });
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("Terminating:Proceed");
  });

  it("bounded by the Lambda time left: DeregisterTargets failing for good goes to Lambda's retry", async () => {
    const { w, launch } = world({ answer: () => OK_API7 });
    const event = w.launch(ID);
    w.fleet.pending.delete(ID);
    await w.terminate(ID).catch(() => undefined);
    const deregisters = failTimes(w.targets, "deregister", 99, () => throttled("DeregisterTargets"));
    await expect(launch(event, 7_000)).rejects.toThrow("Rate exceeded");
    expect(deregisters.calls).toBe(4);
    expect(w.clock.sleeps).toEqual([1000, 1000]);
  });
});

describe("a launch action that ended without us: the deregistration's retries", () => {
  it("retry within the invocation's time left, and stop when it could not hold one more call", async () => {
    const { w } = world();
    w.launch(ID);
    w.fleet.setLifecycleState(ASG, ID, "Terminating"); // the hook timed out: the node goes away
    const deregisters = failTimes(w.targets, "deregister", 99, () => throttled("DeregisterTargets"));
    // Plenty of time: the full 5 attempts per target group (1 + 2 + 4 + 8 s of backoff, both groups in parallel),
    // then the error goes to Lambda's retry.
    const plenty = { remainingMs: () => 600_000 };
    await expect(settleEndedLaunch(w.deps, w.cluster, ID, plenty)).rejects.toThrow("Rate exceeded");
    expect(w.cluster.targetGroupArns).toHaveLength(2);
    expect(w.clock.sleeps).toEqual([1000, 1000, 2000, 2000, 4000, 4000, 8000, 8000]);
    // 7 s left: one backoff of 1 s leaves 6 s ≥ the 5 s reserve; the next (2 s) would not.
    w.clock.sleeps.length = 0;
    const calls = deregisters.calls;
    const deadline = w.clock.now() + 7_000;
    const short = { remainingMs: () => deadline - w.clock.now() };
    await expect(settleEndedLaunch(w.deps, w.cluster, ID, short)).rejects.toThrow("Rate exceeded");
    expect(w.clock.sleeps).toEqual([1000, 1000]);
    expect(deregisters.calls - calls).toBe(2 * 2);
  });
});

describe("sweeps heartbeat the action they look at", () => {
  it("a swept drain whose start no activity tells heartbeats on its first pass", async () => {
    const { w, scaler, drain } = world({ targets: { drainForMs: 10 * 60_000 } });
    await w.terminate(ID);
    await scaler();
    const [sweep] = w.takeHandovers();
    const r = await drain(sweep!.payload);
    expect(r.outcomes[0]).toMatchObject({ status: "waiting" });
    expect(w.fleet.heartbeats()).toEqual([expect.objectContaining({ instanceId: ID, result: "recorded" })]);
  });

  it("a swept launch heartbeats though less than half the hook's timeout has passed since it started", async () => {
    const { w, scaler, launch } = world({ hookTimeoutSeconds: 600 });
    await lostLaunch(w);
    await scaler();
    const [sweep] = w.takeHandovers();
    const r = await launch(sweep!.payload);
    expect(r.outcomes[0]).toMatchObject({ status: "waiting" });
    expect(w.fleet.heartbeats()).toEqual([expect.objectContaining({ instanceId: ID, result: "recorded" })]);
  });

  it("a stuck terminate survives ticks whose observations all fail: sweeps keep it alive until it drains", async () => {
    // 5-minute hook, 8 minutes of draining, every tick's GetMetricData throttled: only the sweeps end it.
    const { w, scaler, drain, expired } = world({
      targets: { drainForMs: 8 * 60_000 },
      cluster: { drain: { maxWaitSeconds: 900 } },
    });
    await w.terminate(ID);
    failTimes(w.deps.metrics, "fetch", 99, () => throttled("GetMetricData"));
    const outcomes: string[] = [];
    for (let minute = 0; minute < 10 && outcomes.at(-1) !== "continued"; minute++) {
      await scaler();
      for (const h of w.takeHandovers()) outcomes.push(...(await drain(h.payload)).outcomes.map((o) => o.status));
      await w.clock.advance(60_000);
    }
    expect(outcomes.at(-1)).toBe("continued");
    expect(expired).toEqual([]);
    expect(w.fleet.lifecycleStateOf(ASG, ID)).toBe("Terminating:Proceed");
  });
});
