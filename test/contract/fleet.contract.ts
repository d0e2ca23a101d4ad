/**
 * What every FleetPort must do, whatever cloud is behind it. Run against the AWS adapter (`aws-fleet.test.ts`) and the
 * simulator (`sim-fleet.test.ts`).
 */
import { describe, expect, it } from "vitest";
import type { FleetPort, LifecycleHook } from "../../shared/ports/fleet.ts";
import type { GroupSpec, Harness } from "./world.ts";

const launchHook: LifecycleHook = {
  name: "dp-launch",
  transition: "launching",
  heartbeatTimeoutSeconds: 300,
  defaultResult: "ABANDON",
};
const drainHook: LifecycleHook = {
  name: "dp-drain",
  transition: "terminating",
  heartbeatTimeoutSeconds: 600,
  defaultResult: "CONTINUE",
};

const group: GroupSpec = {
  name: "dp-asg",
  desired: 3,
  min: 2,
  max: 10,
  instances: [
    {
      instanceId: "i-0000000000000001",
      lifecycleState: "InService",
      healthStatus: "Healthy",
      instanceType: "c6i.large",
      availabilityZone: "eu-west-1a",
    },
    {
      instanceId: "i-0000000000000002",
      lifecycleState: "InService",
      healthStatus: "Unhealthy",
      instanceType: "c6i.large",
      availabilityZone: "eu-west-1b",
    },
    {
      instanceId: "i-0000000000000003",
      lifecycleState: "Pending:Wait",
      healthStatus: "Healthy",
      instanceType: "c6i.large",
      availabilityZone: "eu-west-1c",
    },
  ],
  tags: { team: "edge" },
  targetGroupArns: [],
  hooks: [launchHook, drainHook],
};
const pending = {
  groupName: "dp-asg",
  hookName: "dp-launch",
  instanceId: "i-0000000000000003",
  token: "3d0c2a4e-9f51-4b7a-8e26-1c5f0b9d7a33",
};

/** An Error whose `code` is `ValidationError`: the request is invalid for the group's current state. */
const validationError = expect.objectContaining({ code: "ValidationError" });

export function fleetContract(harness: Harness<FleetPort>): void {
  describe(`FleetPort contract (${harness.name})`, () => {
    describe("describeGroup", () => {
      it("reports capacity, bounds, instances with lifecycle state and health, tags and attached target groups", async () => {
        const fleet = await harness.given({ groups: [group] });
        expect(await fleet.describeGroup("dp-asg")).toEqual({
          name: "dp-asg",
          desired: 3,
          min: 2,
          max: 10,
          instances: group.instances,
          tags: { team: "edge" },
          targetGroupArns: [],
        });
      });

      it("answers undefined for a group that does not exist", async () => {
        const fleet = await harness.given({ groups: [group] });
        expect(await fleet.describeGroup("no-such-group")).toBeUndefined();
      });
    });

    describe("setDesiredCapacity", () => {
      it("sets the absolute capacity", async () => {
        const fleet = await harness.given({ groups: [group] });
        await fleet.setDesiredCapacity("dp-asg", 5);
        expect((await fleet.describeGroup("dp-asg"))?.desired).toBe(5);
      });

      it("is idempotent: the same value twice is one change", async () => {
        const fleet = await harness.given({ groups: [group] });
        await fleet.setDesiredCapacity("dp-asg", 4);
        await fleet.setDesiredCapacity("dp-asg", 4);
        expect((await fleet.describeGroup("dp-asg"))?.desired).toBe(4);
      });

      it("rejects a value above max with a ValidationError and leaves the group as it was", async () => {
        const fleet = await harness.given({ groups: [group] });
        await expect(fleet.setDesiredCapacity("dp-asg", 11)).rejects.toEqual(validationError);
        expect((await fleet.describeGroup("dp-asg"))?.desired).toBe(3);
      });

      it("rejects a value below min with a ValidationError", async () => {
        const fleet = await harness.given({ groups: [group] });
        await expect(fleet.setDesiredCapacity("dp-asg", 1)).rejects.toEqual(validationError);
      });

      it("rejects an unknown group with a ValidationError", async () => {
        const fleet = await harness.given({ groups: [group] });
        await expect(fleet.setDesiredCapacity("no-such-group", 3)).rejects.toEqual(validationError);
      });
    });

    describe("tags", () => {
      it("adds and overwrites tags, and removes them by key", async () => {
        const fleet = await harness.given({ groups: [group] });
        await fleet.putTags("dp-asg", { "dp-autoscaler:paused": '{"s":1}', team: "platform" });
        expect((await fleet.describeGroup("dp-asg"))?.tags).toEqual({
          "dp-autoscaler:paused": '{"s":1}',
          team: "platform",
        });

        await fleet.deleteTags("dp-asg", ["dp-autoscaler:paused", "never-set"]);
        expect((await fleet.describeGroup("dp-asg"))?.tags).toEqual({ team: "platform" });
      });
    });

    describe("lifecycle actions", () => {
      it("completes a pending action by token once; a second completion finds nothing", async () => {
        const fleet = await harness.given({ groups: [group], lifecycleActions: [pending] });
        expect(await fleet.completeLifecycleAction(pending, "CONTINUE")).toBe("completed");
        expect(await fleet.completeLifecycleAction(pending, "CONTINUE")).toBe("not-found");
      });

      it("completes a pending action by instance id when there is no token", async () => {
        const fleet = await harness.given({ groups: [group], lifecycleActions: [pending] });
        const { token: _token, ...byInstance } = pending;
        expect(await fleet.completeLifecycleAction(byInstance, "ABANDON")).toBe("completed");
      });

      it("answers not-found for an action that does not exist", async () => {
        const fleet = await harness.given({ groups: [group] });
        expect(
          await fleet.completeLifecycleAction(
            { ...pending, token: "00000000-0000-4000-8000-000000000000" },
            "CONTINUE",
          ),
        ).toBe("not-found");
        const { token: _token, ...byInstance } = pending;
        expect(await fleet.completeLifecycleAction(byInstance, "ABANDON")).toBe("not-found");
      });

      it("records a heartbeat on a pending action without completing it", async () => {
        const fleet = await harness.given({ groups: [group], lifecycleActions: [pending] });
        expect(await fleet.recordLifecycleActionHeartbeat(pending)).toBe("recorded");
        expect(await fleet.completeLifecycleAction(pending, "CONTINUE")).toBe("completed");
      });

      it("answers not-found to a heartbeat for an action that does not exist", async () => {
        const fleet = await harness.given({ groups: [group] });
        expect(await fleet.recordLifecycleActionHeartbeat(pending)).toBe("not-found");
      });

      it("lists the group's hooks", async () => {
        const fleet = await harness.given({ groups: [group] });
        expect(await fleet.describeLifecycleHooks("dp-asg")).toEqual([launchHook, drainHook]);
      });
    });

    describe("recentActivities", () => {
      it("answers newest first, at most maxRecords", async () => {
        const activity = (id: string, startTime: number) => ({
          activityId: id,
          statusCode: "Successful",
          description: `Launching a new EC2 instance: ${id}`,
          cause: "a user request explicitly set group desired capacity",
          startTime,
          endTime: startTime + 40_000,
        });
        const fleet = await harness.given({
          groups: [
            { ...group, activities: [activity("a1", 1_000_000), activity("a3", 3_000_000), activity("a2", 2_000_000)] },
          ],
        });
        const out = await fleet.recentActivities("dp-asg", 2);
        expect(out.map((a) => a.activityId)).toEqual(["a3", "a2"]);
        expect(out[0]).toEqual(activity("a3", 3_000_000));
      });
    });
  });
}
