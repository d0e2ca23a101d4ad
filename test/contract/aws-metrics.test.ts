import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchMetrics } from "../../shared/aws/cloudwatch.ts";
import { checkAwsWorldAgainstApiModels, installAwsWorld, REGION } from "./aws-world.ts";
import { metricsContract } from "./metrics.contract.ts";

checkAwsWorldAgainstApiModels("cloudwatch");

metricsContract({
  name: "AWS adapter",
  given: async (state) => {
    installAwsWorld(state);
    return new CloudWatchMetrics(new CloudWatchClient({ region: REGION }));
  },
});
