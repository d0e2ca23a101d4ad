import { metricsContract } from "./metrics.contract.ts";
import { simulatedCloudFrom } from "./sim-world.ts";

metricsContract({
  name: "simulator",
  given: async (state) => simulatedCloudFrom(state).metrics,
});
