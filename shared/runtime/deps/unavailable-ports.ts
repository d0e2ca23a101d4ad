/**
 * Stand-ins for the ports a function does not use. Each Lambda bundle carries only the AWS adapters (and so the SDK
 * clients) its function calls (`shared/runtime/deps/<function>.ts`); the other ports get these, whose every method
 * throws a `PortNotAvailableError`. A change that starts using one then fails on its first call — in the tests and
 * the simulator, which run the handlers with the same restriction (`withOnlyPorts`) — instead of shipping a function
 * whose bundle and IAM role lack the service.
 *
 * The error is thrown synchronously, not as a rejected promise: a caller that turns rejections into a fallback
 * (`.catch(() => default)`) must not swallow it.
 */
import type { AutoscalerDeps } from "../../services/deps.ts";

/** The ports an AWS adapter (or the node HTTP probe) implements: the ones a function may go without. */
export type AdapterPort = "fleet" | "instances" | "targets" | "metrics" | "probe" | "continuation";
export type AdapterPorts = Pick<AutoscalerDeps, AdapterPort>;

/** A function called a port it was not built with. */
export class PortNotAvailableError extends Error {
  readonly port: AdapterPort;
  readonly functionName: string;
  readonly method?: string;

  constructor(port: AdapterPort, functionName: string, method?: string) {
    const call = method === undefined ? port : `${port}.${method}()`;
    super(
      `${call}: the ${port} port is not available in the ${functionName} function; add its adapter in ` +
        `shared/runtime/deps/ (function-ports.ts and ${functionName}.ts) and the permissions to its IAM role`,
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
