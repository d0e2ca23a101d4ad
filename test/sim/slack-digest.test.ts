/**
 * Slack at the default settings, end to end in the simulator: routine events (scale decided, node ready, node
 * drained) reach Slack only in the scaler's digest, read back from the own metrics; every breaker transition,
 * abandoned launch and blocked scale-out is still announced when it happens.
 */
import { describe, expect, it } from "vitest";
import type { Outgoing } from "../../shared/notify/coalesce.ts";
import type { ActivityDigest, NotificationEvent } from "../../shared/ports/notifier.ts";
import { attachAccounting } from "../../sim/accounting.ts";
import { createPolicy } from "../../sim/policies/index.ts";
import { builtinScenario } from "../../sim/scenario/load.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { SimWorld } from "../../sim/world.ts";
import { shortened } from "./shortened.ts";

/** Runs a scenario under our policy, to the end of its window, keeping the world to look at its Slack. */
async function run(name: string, useShortened = false) {
  const scenario = useShortened ? shortened(name) : builtinScenario(name);
  const world = new SimWorld(scenario, loadTraffic(scenario.traffic, scenario.seed, {}), createPolicy("ours"));
  attachAccounting(world);
  await world.start();
  await world.clock.runUntil(world.endMs);
  world.stop();
  return { raised: world.notifier.events, sent: world.notifier.sent };
}

/** The events that left as a message, alone or inside a burst summary. */
function announced(sent: Outgoing[]): NotificationEvent[] {
  return sent.flatMap((m) => (m.kind === "burst" ? m.events : [m.event]));
}

function digests(sent: Outgoing[]): { at: number; digest: ActivityDigest }[] {
  return announced(sent).flatMap((e) => (e.kind === "digest" ? [{ at: e.at, digest: e.digest }] : []));
}

describe("Slack at the default settings (hourly digest)", () => {
  it("cp-outage: every abandon and both breaker transitions are announced; routine events only in digests", async () => {
    const { raised, sent } = await run("cp-outage");
    const out = announced(sent);
    const urgent = raised.filter(
      (e) => e.kind === "breaker-opened" || e.kind === "breaker-closed" || e.kind === "node-abandoned",
    );
    expect(urgent.map((e) => e.kind)).toEqual(expect.arrayContaining(["breaker-opened", "breaker-closed"]));
    expect(raised.filter((e) => e.kind === "node-abandoned").length).toBeGreaterThanOrEqual(3);
    for (const e of urgent) expect(out).toContain(e);
    expect(
      out.filter((e) => e.kind === "scale-decided" || e.kind === "node-ready" || e.kind === "node-drained"),
    ).toEqual([]);
    expect(raised.some((e) => e.kind === "node-ready")).toBe(true);
    expect(digests(sent).length).toBeGreaterThan(0);
  });

  it("upstream-bottleneck: every guardrail that blocked a scale-out is announced, the first block at once", async () => {
    const { raised, sent } = await run("upstream-bottleneck");
    const blocked = raised.filter((e) => e.kind === "scale-blocked");
    expect(blocked.length).toBeGreaterThan(0);
    const announcedBlocks = announced(sent).filter((e) => e.kind === "scale-blocked");
    for (const name of new Set(blocked.map((e) => e.guardrail.name))) {
      const first = blocked.find((e) => e.guardrail.name === name)!;
      expect(announcedBlocks).toContain(first);
    }
  });

  it("each digest tells what the functions did in its hour, read back from the own metrics", async () => {
    const { raised, sent } = await run("nasa-launch-day", true);
    const told = digests(sent);
    expect(told.length).toBeGreaterThan(0);
    for (const { at, digest } of told) {
      expect(digest.to - digest.from).toBe(3_600_000);
      expect(at).toBe(digest.to);
      const inPeriod = (e: NotificationEvent) => e.at >= digest.from && e.at < digest.to && e.cluster === "edge";
      const count = (kind: NotificationEvent["kind"]) => raised.filter((e) => e.kind === kind && inPeriod(e)).length;
      expect(digest.nodesReady).toBe(count("node-ready"));
      expect(digest.nodesDrained).toBe(count("node-drained"));
      expect(digest.capacityChanges).toBe(count("scale-decided"));
    }
  });
});
