/**
 * The handlers run with only the ports their Lambda composition gives them (`withOnlyPorts`, the table in
 * shared/runtime/functions.ts): the flows that reach the most ports — the scaler's tick sweeping lost
 * lifecycle actions, launch registering or abandoning (with the peer control-plane check), drain, and every operator
 * action — touch no port outside the table. A stand-in's `PortNotAvailableError` could be swallowed where a service
 * logs and carries on (the sweep never throws into the tick), so the logs are checked too.
 */
import { describe, expect, it } from "vitest";
import { withOnlyPorts } from "../../../shared/runtime/functions.ts";
import { createDrainHandler } from "../../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../../shared/services/launch/create-handler.ts";
import { LOST_EVENT_GRACE_MS } from "../../../shared/services/lifecycle/sweep.ts";
import { createOperatorHandler } from "../../../shared/services/operator/create-handler.ts";
import { createScalerHandler } from "../../../shared/services/scaler/create-handler.ts";
import {
  ASG,
  DP_MANAGER_DOWN,
  LifecycleWorld,
  OK_API7,
  REFUSED,
  TG_ALB,
  TG_NLB,
} from "../../../test-kit/fake-fleet-world.ts";
import { fakeLambdaContext } from "../../../test-kit/fake-lambda-context.ts";
import { baseConfig, GROUP, operatorWorld, REQUEST_ID } from "../../fixtures/operator/world.ts";

const LAUNCHING = "i-0a1b2c3d4e5f60718";
const TERMINATING = "i-0a1b2c3d4e5f60719";

function handlers(world: LifecycleWorld) {
  return {
    scaler: createScalerHandler(withOnlyPorts(world.deps, "scaler")),
    launch: createLaunchHandler(withOnlyPorts(world.deps, "launch")),
    drain: createDrainHandler(withOnlyPorts(world.deps, "drain")),
  };
}

const expectNoMissingPort = (log: string) => expect(log).not.toMatch(/PortNotAvailableError|port is not available/);

describe("with only their own ports", () => {
  it("the scaler's tick sweeps lost actions, and launch and drain finish them", async () => {
    const world = new LifecycleWorld({ targets: { drainForMs: 30_000 } });
    const fn = handlers(world);
    world.launch(LAUNCHING); // no scaling activity: the sweep reads the launch time from EC2
    await world.terminate(TERMINATING);
    world.answer = () => OK_API7;
    await world.clock.advance(LOST_EVENT_GRACE_MS);

    const tick = await fn.scaler({ reconcile: "all" }, world.context());
    expect(tick.ok).toBe(true);
    const sweeps = world.takeHandovers();
    expect(sweeps.map((h) => h.fn).sort()).toEqual(["drain", "launch"]);

    const launched = await fn.launch(sweeps.find((h) => h.fn === "launch")!.payload, world.context());
    expect(launched.outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.targets.registeredAnywhere(LAUNCHING).sort()).toEqual([TG_ALB, TG_NLB].sort());

    const drain = sweeps.find((h) => h.fn === "drain")!;
    expect((await fn.drain(drain.payload, world.context())).outcomes[0]).toMatchObject({ status: "waiting" });
    await world.clock.advance(60_000);
    expect((await fn.drain(drain.payload, world.context())).outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.fleet.lifecycleStateOf(ASG, TERMINATING)).toBe("Terminating:Proceed");
    expectNoMissingPort(world.log.text());
  });

  it("launch abandons a node that never gets ready, asking a peer about the control plane, and hands over", async () => {
    const world = new LifecycleWorld({
      cluster: { readiness: { deadlineSeconds: 600 }, controlPlane: { breaker: { abandonsToOpen: 1 } } },
    });
    const fn = handlers(world);
    world.inService("i-00000000000000aa1", { privateIp: "10.0.2.7" });
    world.answer = (url) => (url.includes("//10.0.2.7:") ? DP_MANAGER_DOWN : REFUSED);
    const event = world.launch(LAUNCHING);

    const first = await fn.launch(event, world.context(120_000));
    expect(first.outcomes[0]).toMatchObject({ status: "handed-over" });
    const [handover] = world.takeHandovers();
    const second = await fn.launch(handover!.payload, world.context());
    expect(second.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(world.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "completed" })]);
    expect(world.notificationsOf("breaker-opened")).toHaveLength(1);
    expectNoMissingPort(world.log.text());
  });

  it("the operator answers every action", async () => {
    // Bandwidth on: \`explain\` then reads the nodes' baseline bandwidth from EC2.
    const prod = { ...baseConfig.clusters[0]!, signals: { bandwidth: { enabled: true } } };
    const w = operatorWorld({ cpu: 50, config: { clusters: [prod] } });
    const operator = createOperatorHandler(withOnlyPorts(w.deps, "operator"));
    const ask = (request: Record<string, unknown>) =>
      operator({ cluster: "prod", ...request }, fakeLambdaContext("dp-autoscaler-operator", REQUEST_ID));
    const answers = [
      await ask({ action: "status" }),
      await ask({ action: "explain" }),
      await ask({ action: "scale", desired: 5, reason: "load test" }),
      await ask({ action: "pause", reason: "maintenance" }),
      await ask({ action: "resume", reason: "done" }),
    ];
    expect(answers.map((a) => (a.ok ? "ok" : a.error.message))).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    // Target health and the baseline are read best effort: an error would be in the answer or the log.
    expectNoMissingPort(JSON.stringify(answers));
    expect((await w.fleet.describeGroup(GROUP))!.desired).toBe(5);
    expectNoMissingPort(w.log.text());
  });
});
