import { instancesContract } from "./instances.contract.ts";
import { simulatedCloudFrom } from "./sim-world.ts";

instancesContract({
  name: "simulator",
  given: async (state) => simulatedCloudFrom(state).instances,
});
