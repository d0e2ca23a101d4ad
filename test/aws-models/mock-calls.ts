/**
 * Hooks aws-sdk-client-mock's record of calls into the API-model check: after every test of the file, every command
 * the adapter sent is validated against the model (its input) and so is every answer the test fed it (the resolved
 * output); a test that sends a request AWS would refuse, or feeds a response AWS would never give, fails with the
 * path of each problem. Rejected calls (the error paths) have no output to check; a request refused as invalid
 * (`Invalid…` / `Validation…` client errors) is not held to the model either, since that refusal is what it tests.
 */
import type { AwsStub } from "aws-sdk-client-mock";
import { afterAll, afterEach, expect } from "vitest";
import { type AwsService, validateInput, validateOutput } from "./validate.ts";

/** `DescribeAutoScalingGroupsCommand` → `DescribeAutoScalingGroups`. */
export function operationOf(command: object): string {
  return command.constructor.name.replace(/Command$/, "");
}

/** A client error that says the request itself was invalid (ValidationError, InvalidInstanceType, …). */
function refusesInvalidInput(err: unknown): boolean {
  const e = err as { name?: unknown; $fault?: unknown };
  return e.$fault === "client" && typeof e.name === "string" && /^(Invalid|Validation)/.test(e.name);
}

/** Validates one recorded call; the problems, each prefixed with the operation. */
export async function problemsOfCall(
  service: AwsService,
  call: { args: unknown[]; returnValue: unknown },
): Promise<string[]> {
  const command = call.args[0] as { input: unknown };
  const op = operationOf(command);
  const inputProblems = validateInput(service, op, command.input);
  let output: unknown;
  try {
    output = await call.returnValue;
  } catch (err) {
    // A test may send what AWS refuses on purpose, answered with AWS's refusal (InvalidInstanceType for a type EC2
    // does not know): then the request is meant to break the model. Any other answer to a malformed request hides it.
    return refusesInvalidInput(err) ? [] : inputProblems;
  }
  if (output === undefined) return inputProblems;
  return [...inputProblems, ...validateOutput(service, op, output)];
}

// biome-ignore lint/suspicious/noExplicitAny: any client's stub, whatever its input and output types.
type AnyStub = AwsStub<any, any, any>;

/**
 * Registers the check for one mocked client in the calling test file. `mock.reset()` in a `beforeEach` clears the
 * record, so each test is checked on its own calls. The file fails at the end if no call was ever checked (the hook
 * would be watching the wrong client).
 */
export function checkCallsAgainstAwsModels(service: AwsService, stub: AnyStub): void {
  let checked = 0;
  afterEach(async () => {
    const problems: string[] = [];
    for (const call of stub.calls()) {
      problems.push(...(await problemsOfCall(service, call)));
      checked++;
    }
    expect(problems, `requests and responses against the ${service} API model`).toEqual([]);
  });
  afterAll(() => {
    expect(checked, `calls to ${service} checked against its API model`).toBeGreaterThan(0);
  });
}
