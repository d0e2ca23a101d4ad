import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { checkAwsWorldAgainstApiModels, installAwsWorld, REGION } from "./aws-world.ts";
import { fleetContract } from "./fleet.contract.ts";

checkAwsWorldAgainstApiModels("autoscaling");

fleetContract({
  name: "AWS adapter",
  given: async (state) => {
    installAwsWorld(state);
    return new AutoScalingFleet(new AutoScalingClient({ region: REGION }));
  },
});
