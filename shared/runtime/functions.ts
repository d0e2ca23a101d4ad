/**
 * The four Lambda functions, and which adapter ports each calls — the one table that the composition roots
 * (`functions/<function>/handler.ts`, type-checked against it), the tests and the simulator (`withOnlyPorts`) share.
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
 *
 * The stand-ins for the ports a function does not use throw a `PortNotAvailableError` on every method: a change that
 * starts using one then fails on its first call — in the tests and the simulator, which run the handlers with the
 * same restriction (`withOnlyPorts`) — instead of shipping a function whose bundle and IAM role lack the service.
 * The error is thrown synchronously, not as a rejected promise: a caller that turns rejections into a fallback
 * (`.catch(() => default)`) must not swallow it.
 */
import type { Context } from "aws-lambda";
import type { AutoscalerDeps } from "../ports/deps.ts";

export const LAMBDA_FUNCTIONS = ["scaler", "launch", "drain", "operator"] as const;
export type LambdaFunction = (typeof LAMBDA_FUNCTIONS)[number];

/** A Lambda entry point as the runtime (and `dp-autoscaler invoke`, and the simulator) calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The ports an AWS adapter (or the node HTTP probe) implements: the ones a function may go without. */
export type AdapterPort = "fleet" | "instances" | "targets" | "metrics" | "probe" | "continuation";
export type AdapterPorts = Pick<AutoscalerDeps, AdapterPort>;

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

/** A function called a port it was not built with. */
export class PortNotAvailableError extends Error {
  readonly port: AdapterPort;
  readonly functionName: string;
  readonly method?: string;

  constructor(port: AdapterPort, functionName: string, method?: string) {
    const call = method === undefined ? port : `${port}.${method}()`;
    super(
      `${call}: the ${port} port is not available in the ${functionName} function; add its adapter in ` +
        `functions/${functionName}/handler.ts (and the table in shared/runtime/functions.ts) and the permissions to its IAM role`,
    );
    this.name = "PortNotAvailableError";
    this.port = port;
    this.functionName = functionName;
    this.method = method;
  }
}

/** Every adapter port, each method throwing a `PortNotAvailableError` that names `functionName`. */
export function unavailablePorts(functionName: string): AdapterPorts {
  const fail = (port: AdapterPort, method: string) => (): never => {
    throw new PortNotAvailableError(port, functionName, method);
  };
  return {
    fleet: {
      describeGroup: fail("fleet", "describeGroup"),
      recentActivities: fail("fleet", "recentActivities"),
      setDesiredCapacity: fail("fleet", "setDesiredCapacity"),
      putTags: fail("fleet", "putTags"),
      deleteTags: fail("fleet", "deleteTags"),
      completeLifecycleAction: fail("fleet", "completeLifecycleAction"),
      recordLifecycleActionHeartbeat: fail("fleet", "recordLifecycleActionHeartbeat"),
      describeLifecycleHooks: fail("fleet", "describeLifecycleHooks"),
    },
    instances: {
      describeInstance: fail("instances", "describeInstance"),
      baselineBandwidthBps: fail("instances", "baselineBandwidthBps"),
    },
    targets: {
      register: fail("targets", "register"),
      deregister: fail("targets", "deregister"),
      health: fail("targets", "health"),
      deregistrationDelaySeconds: fail("targets", "deregistrationDelaySeconds"),
    },
    metrics: { fetch: fail("metrics", "fetch") },
    probe: { get: fail("probe", "get") },
    continuation: { continueLater: fail("continuation", "continueLater") },
  };
}
