/**
 * How long after a data-plane node is ready does the autoscaler register it? The bound: at most one poll
 * interval plus one round trip. Measured with the real launch handler and the real `node:http` probe against the fake
 * DP over 127.0.0.1, on the real clock (so the poll's sleep is real), with AWS in memory (so RegisterTargets itself
 * costs nothing here: add its own round trip, tens of ms, in AWS).
 *
 * Each run: a node boots (503), flips to ready at a uniformly random phase of the poll cycle, and we stamp
 * - `ready`: the moment it starts answering 200 (what the bound is about),
 * - `first 200`: the moment the first 200 reaches the wire (isolates our own processing after the answer),
 * - `registered`: the first RegisterTargets call.
 * Timestamps use `performance.now()`: this measures the product, it is not product logic.
 */
import { performance } from "node:perf_hooks";
import { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";
import { deploymentConfigSchema } from "../shared/config/schema.ts";
import { createNodeHttpProbe } from "../shared/dataplane/node-http-probe.ts";
import { systemClock } from "../shared/ports/clock.ts";
import type { AutoscalerDeps } from "../shared/ports/deps.ts";
import type { HttpProbePort } from "../shared/ports/http-probe.ts";
import { createLaunchHandler } from "../shared/services/launch/create-handler.ts";
import { FakeDpServer } from "../test-kit/fake-dp/fake-dp-server.ts";
import { FakeFleet } from "../test-kit/fake-fleet.ts";
import { ASG, eventBridgeLifecycle, LAUNCH_HOOK, TG_ALB, TG_NLB } from "../test-kit/fake-fleet-world.ts";
import { FakeInstances } from "../test-kit/fake-instances.ts";
import { FakeTargets } from "../test-kit/fake-targets.ts";

const POLL_SECONDS = 1; // the schema's minimum: keeps the benchmark short; the bound scales with it
const LAMBDA_TIMEOUT_MS = 900_000;

export async function run(options: { quick: boolean }): Promise<void> {
  const runs = options.quick ? 12 : 60;
  const fake = await FakeDpServer.start({ flavour: "api7", phase: "booting" });
  try {
    const result = await measure(fake, runs);
    print(result, runs);
  } finally {
    await fake.stop();
  }
}

interface Measured {
  readyToRegistered: number[];
  firstOkToRegistered: number[];
  probeRtt: number[];
}

async function measure(fake: FakeDpServer, runs: number): Promise<Measured> {
  const config = deploymentConfigSchema.parse({
    clusters: [
      {
        name: "bench",
        autoScalingGroupName: ASG,
        targetGroupArns: [TG_ALB, TG_NLB],
        readiness: { mode: "api7", url: fake.readinessUrlTemplate, pollIntervalSeconds: POLL_SECONDS },
      },
    ],
  });
  const fleet = new FakeFleet(systemClock);
  fleet.addGroup({ name: ASG }, [
    { name: LAUNCH_HOOK, transition: "launching", heartbeatTimeoutSeconds: 300, defaultResult: "ABANDON" },
  ]);
  const instances = new FakeInstances();
  const targets = new FakeTargets(systemClock);
  const realProbe = createNodeHttpProbe();
  const out: Measured = { readyToRegistered: [], firstOkToRegistered: [], probeRtt: [] };
  const probe: HttpProbePort = {
    get: async (url, timeoutMs) => {
      const t = performance.now();
      const r = await realProbe.get(url, timeoutMs);
      out.probeRtt.push(performance.now() - t);
      return r;
    },
  };
  let registeredAt: number | undefined;
  const deps: AutoscalerDeps = {
    loadConfig: async () => config,
    clock: systemClock,
    logger: new Logger({ serviceName: "bench", logLevel: "SILENT" }),
    fleet,
    instances,
    targets: {
      register: async (arn, ids) => {
        registeredAt ??= performance.now();
        return targets.register(arn, ids);
      },
      deregister: (arn, ids) => targets.deregister(arn, ids),
      health: (arn, ids) => targets.health(arn, ids),
      deregistrationDelaySeconds: (arn) => targets.deregistrationDelaySeconds(arn),
    },
    metrics: { fetch: async () => ({}) },
    publisher: { publish: () => {} },
    probe,
    notifier: { notify: async () => {} },
    continuation: { continueLater: async () => {} },
    region: "eu-west-1",
  };
  const handler = createLaunchHandler(deps);

  for (let i = 0; i < runs; i++) {
    const instanceId = `i-${(i + 1).toString(16).padStart(17, "0")}`;
    const startedAt = systemClock.now();
    instances.add({ instanceId, privateIp: "127.0.0.1", groupName: ASG, launchTime: startedAt });
    fleet.startAction({ groupName: ASG, hookName: LAUNCH_HOOK, instanceId, token: `t-${i}`, transition: "launching" });
    await fake.setPhase("booting");
    registeredAt = undefined;
    let readyAt = 0;
    let firstOkAt: number | undefined;
    fake.onAnswer = (r) => {
      if (r.path === "/status/ready" && r.answered === 200) firstOkAt ??= performance.now();
    };
    const begun = performance.now();
    const context = {
      awsRequestId: `bench-${i}`,
      functionName: "bench",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:bench",
      memoryLimitInMB: "256",
      getRemainingTimeInMillis: () => LAMBDA_TIMEOUT_MS - (performance.now() - begun),
    } as unknown as Context;
    const event = eventBridgeLifecycle("launching", {
      instanceId,
      token: `t-${i}`,
      hookName: LAUNCH_HOOK,
      time: startedAt,
    });
    // Flip to ready at a uniformly random phase of the poll cycle (after the first probe has gone out).
    const flip = (async () => {
      await systemClock.sleep(300 + Math.random() * POLL_SECONDS * 1000);
      readyAt = performance.now();
      await fake.setPhase("ready");
    })();
    const [result] = await Promise.all([handler(event, context), flip]);
    if (result.outcomes[0]?.status !== "continued" || registeredAt === undefined || firstOkAt === undefined)
      throw new Error(`run ${i}: launch ended ${JSON.stringify(result.outcomes[0])}`);
    out.readyToRegistered.push(registeredAt - readyAt);
    out.firstOkToRegistered.push(registeredAt - firstOkAt);
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function print(m: Measured, runs: number): void {
  const rttP99 = percentile(m.probeRtt, 99);
  const bound = POLL_SECONDS * 1000 + rttP99;
  const row = (name: string, v: number[]) =>
    `  ${name.padEnd(34)} p50 ${fmt(percentile(v, 50))}  p99 ${fmt(percentile(v, 99))}  max ${fmt(Math.max(...v))}`;
  console.log(
    `ready → registered: ${runs} runs, API7 mode, poll ${POLL_SECONDS} s, real HTTP on 127.0.0.1, AWS in memory`,
  );
  console.log(row("node ready → RegisterTargets", m.readyToRegistered));
  console.log(row("first 200 on the wire → Register", m.firstOkToRegistered));
  console.log(row("probe round trip", m.probeRtt));
  const within = m.readyToRegistered.filter((v) => v <= bound).length;
  console.log(
    `  bound: one poll interval + one round trip = ${fmt(bound)} (probe RTT p99); within bound: ${within}/${runs}`,
  );
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(10);
}
