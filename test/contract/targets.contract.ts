/**
 * What every TargetsPort must do. Run against the AWS adapter (`aws-targets.test.ts`) and the simulator
 * (`sim-targets.test.ts`).
 */
import { describe, expect, it } from "vitest";
import type { TargetsPort } from "../../shared/ports/targets.ts";
import type { Harness, TargetGroupSpec } from "./world.ts";

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef";
const tg: TargetGroupSpec = {
  arn: TG,
  deregistrationDelaySeconds: 120,
  targets: [
    { instanceId: "i-0000000000000001", state: "healthy" },
    { instanceId: "i-0000000000000002", state: "unhealthy", reason: "Target.FailedHealthChecks" },
  ],
};
const NEW = "i-0000000000000009";

export function targetsContract(harness: Harness<TargetsPort>): void {
  describe(`TargetsPort contract (${harness.name})`, () => {
    describe("health", () => {
      it("reports every registered target when no ids are given", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        expect(await targets.health(TG)).toEqual(tg.targets);
      });

      it("reports the asked targets in the asked order", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        const out = await targets.health(TG, ["i-0000000000000002", "i-0000000000000001"]);
        expect(out.map((h) => [h.instanceId, h.state])).toEqual([
          ["i-0000000000000002", "unhealthy"],
          ["i-0000000000000001", "healthy"],
        ]);
      });

      it("reports unknown ids as unused", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        const [h] = await targets.health(TG, [NEW]);
        expect(h).toMatchObject({ instanceId: NEW, state: "unused" });
      });
    });

    describe("register", () => {
      it("makes the target known to the group (no longer unused)", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        await targets.register(TG, [NEW]);
        const [h] = await targets.health(TG, [NEW]);
        expect(["initial", "healthy"]).toContain(h?.state);
      });

      it("is idempotent: registering twice lists the target once", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        await targets.register(TG, [NEW]);
        await targets.register(TG, [NEW]);
        const all = await targets.health(TG);
        expect(all.filter((h) => h.instanceId === NEW)).toHaveLength(1);
      });
    });

    describe("deregister", () => {
      it("succeeds for a target that was never registered", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        await expect(targets.deregister(TG, [NEW])).resolves.toBeUndefined();
      });

      it("starts draining a registered target (or removes it at once)", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        await targets.deregister(TG, ["i-0000000000000001"]);
        const [h] = await targets.health(TG, ["i-0000000000000001"]);
        expect(["draining", "unused"]).toContain(h?.state);
      });
    });

    describe("deregistrationDelaySeconds", () => {
      it("reports the group's delay", async () => {
        const targets = await harness.given({ targetGroups: [tg] });
        expect(await targets.deregistrationDelaySeconds(TG)).toBe(120);
      });

      it("reports the 300 s default when the group sets none", async () => {
        const targets = await harness.given({ targetGroups: [{ arn: TG }] });
        expect(await targets.deregistrationDelaySeconds(TG)).toBe(300);
      });
    });
  });
}
