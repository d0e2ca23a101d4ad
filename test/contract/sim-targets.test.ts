import { simulatedCloudFrom } from "./sim-world.ts";
import { targetsContract } from "./targets.contract.ts";

targetsContract({
  name: "simulator",
  given: async (state) => simulatedCloudFrom(state).targets,
});
