/**
 * Which adapter ports each Lambda function calls — the one table that the per-function compositions
 * (`shared/runtime/deps/<function>.ts`, type-checked against it), the tests and the simulator (`withOnlyPorts`) share.
 * A port missing here is a `PortNotAvailableError` stand-in in that function, and its SDK client is not in the bundle.
 *
 * Loading the config (SSM) and reading the Slack secret (SSM, Secrets Manager) are in every function; the EMF
 * publisher needs no client. So the AWS clients per function are:
 * - scaler: Auto Scaling (group, set desired, the lost-event sweep's hooks and activities), EC2 (baseline bandwidth,
 *   the sweep's launch times), CloudWatch (GetMetricData), Lambda (the sweep hands actions to launch/drain) — no ELBv2:
 *   the sweep never registers or deregisters, the launch and drain functions do when they run the sweep;
 * - launch: Auto Scaling, EC2 (private address, peer nodes), ELBv2 (register; deregister on ABANDON), Lambda
 *   (hand-over), and the node HTTP probe — no CloudWatch;
 * - drain: Auto Scaling, ELBv2 (deregister, draining state, deregistration delay), Lambda (hand-over) — no EC2, no
 *   CloudWatch, no probe;
 * - operator: Auto Scaling, EC2 and CloudWatch (`explain` observes like the scaler), ELBv2 (`status` reads target
 *   health) — no Lambda, no probe.
 */
import type { AutoscalerDeps } from "../../services/deps.ts";
import { type AdapterPort, type AdapterPorts, unavailablePorts } from "./unavailable-ports.ts";

export const LAMBDA_FUNCTIONS = ["scaler", "launch", "drain", "operator"] as const;
export type LambdaFunction = (typeof LAMBDA_FUNCTIONS)[number];

export const PORTS_OF_FUNCTION = {
  scaler: ["fleet", "instances", "metrics", "continuation"],
  launch: ["fleet", "instances", "targets", "probe", "continuation"],
  drain: ["fleet", "targets", "continuation"],
  operator: ["fleet", "instances", "targets", "metrics"],
} as const satisfies Record<LambdaFunction, readonly AdapterPort[]>;

export type PortsOf<F extends LambdaFunction> = (typeof PORTS_OF_FUNCTION)[F][number];

/**
 * `fn`'s adapter ports: the given ones (exactly those of the table: a missing or an extra one is a type error), the
 * others throwing `PortNotAvailableError`.
 */
export function onlyPorts<F extends LambdaFunction>(fn: F, available: Pick<AdapterPorts, PortsOf<F>>): AdapterPorts {
  return { ...unavailablePorts(fn), ...available };
}

/** `deps` as `fn` sees it in Lambda: the ports it does not use replaced by stand-ins that throw. */
export function withOnlyPorts(deps: AutoscalerDeps, fn: LambdaFunction): AutoscalerDeps {
  const restricted: AutoscalerDeps = { ...deps, ...unavailablePorts(fn) };
  for (const port of PORTS_OF_FUNCTION[fn]) Object.assign(restricted, { [port]: deps[port] });
  return restricted;
}
