import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { checkAwsWorldAgainstApiModels, installAwsWorld, REGION } from "./aws-world.ts";
import { targetsContract } from "./targets.contract.ts";

checkAwsWorldAgainstApiModels("elbv2");

targetsContract({
  name: "AWS adapter",
  given: async (state) => {
    installAwsWorld(state);
    return new Elbv2Targets(new ElasticLoadBalancingV2Client({ region: REGION }));
  },
});
