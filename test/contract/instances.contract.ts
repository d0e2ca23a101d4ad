/**
 * What every InstancesPort must do. Run against the AWS adapter (`aws-instances.test.ts`) and the simulator
 * (`sim-instances.test.ts`). The bandwidth fallback table is `shared/ports/instance-bandwidth.ts` (plain data, usable
 * by any implementation).
 */
import { describe, expect, it } from "vitest";
import type { InstanceInfo, InstancesPort } from "../../shared/ports/instances.ts";
import type { Harness } from "./world.ts";

const node: InstanceInfo = {
  instanceId: "i-0000000000000001",
  state: "running",
  privateIp: "10.0.1.23",
  instanceType: "c6i.large",
  groupName: "dp-asg",
  launchTime: 1_700_000_000_000,
};

export function instancesContract(harness: Harness<InstancesPort>): void {
  describe(`InstancesPort contract (${harness.name})`, () => {
    describe("describeInstance", () => {
      it("reports state, private address, type, Auto Scaling group and launch time", async () => {
        const instances = await harness.given({ instances: [node] });
        expect(await instances.describeInstance(node.instanceId)).toEqual(node);
      });

      it("answers undefined for an instance the cloud does not know", async () => {
        const instances = await harness.given({ instances: [node] });
        expect(await instances.describeInstance("i-00000000000000ff")).toBeUndefined();
      });
    });

    describe("baselineBandwidthBps", () => {
      it("reports the type's baseline (not burst) bandwidth in bits per second", async () => {
        const instances = await harness.given({ instanceTypes: { "c6i.large": { baselineGbps: 0.781 } } });
        expect(await instances.baselineBandwidthBps("c6i.large")).toBe(781_000_000);
      });

      it("falls back to the fallback table when the cloud does not report a baseline", async () => {
        const instances = await harness.given({ instanceTypes: { "c5n.large": {} } });
        expect(await instances.baselineBandwidthBps("c5n.large")).toBe(3_000_000_000);
      });

      it("falls back to the fallback table for a type the cloud does not know", async () => {
        const instances = await harness.given({ instanceTypes: {} });
        expect(await instances.baselineBandwidthBps("m5.large")).toBe(750_000_000);
      });

      it("answers undefined for a type neither the cloud nor the table knows", async () => {
        const instances = await harness.given({ instanceTypes: {} });
        expect(await instances.baselineBandwidthBps("zz9.plural")).toBeUndefined();
      });
    });
  });
}
