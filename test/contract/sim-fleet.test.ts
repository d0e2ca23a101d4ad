import { fleetContract } from "./fleet.contract.ts";
import { simulatedCloudFrom } from "./sim-world.ts";

fleetContract({
  name: "simulator",
  given: async (state) => simulatedCloudFrom(state).fleet,
});
