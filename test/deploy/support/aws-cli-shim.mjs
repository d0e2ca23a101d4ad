#!/usr/bin/env node
// A stand-in for the AWS CLI's one command the LocalStack/moto walkthrough (docs/deploy.md) uses:
// `aws ssm put-parameter --name N --type String --value file://F`, sent with the real SDK to AWS_ENDPOINT_URL.
// Anything else fails loudly, so the walkthrough cannot grow a command the test does not really run.
import { readFileSync } from "node:fs";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";

const [service, command, ...rest] = process.argv.slice(2);
if (service !== "ssm" || command !== "put-parameter") {
  console.error(`aws shim: only "aws ssm put-parameter" is supported, not: ${process.argv.slice(2).join(" ")}`);
  process.exit(2);
}
const options = {};
for (let i = 0; i < rest.length; i += 2) options[rest[i]] = rest[i + 1];
const value = options["--value"]?.startsWith("file://")
  ? readFileSync(options["--value"].slice("file://".length), "utf8")
  : options["--value"];
await new SSMClient({}).send(
  new PutParameterCommand({ Name: options["--name"], Type: options["--type"], Value: value, Overwrite: true }),
);
