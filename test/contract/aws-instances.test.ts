import { EC2Client } from "@aws-sdk/client-ec2";
import { Ec2Instances } from "../../shared/aws/ec2.ts";
import { checkAwsWorldAgainstApiModels, installAwsWorld, REGION } from "./aws-world.ts";
import { instancesContract } from "./instances.contract.ts";

checkAwsWorldAgainstApiModels("ec2");

instancesContract({
  name: "AWS adapter",
  given: async (state) => {
    installAwsWorld(state);
    return new Ec2Instances(new EC2Client({ region: REGION }));
  },
});
