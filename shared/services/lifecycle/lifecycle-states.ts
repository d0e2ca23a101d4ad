/** Auto Scaling lifecycle states as the launch and drain functions read them. */

/** The launch action is over: the instance went on into service. */
export const LAUNCH_DONE_STATES: ReadonlySet<string> = new Set(["Pending:Proceed", "InService"]);

export function isTerminatingState(state: string): boolean {
  return state.startsWith("Terminating") || state === "Terminated";
}

export const LAUNCH_WAIT_STATE = "Pending:Wait";
export const TERMINATE_WAIT_STATE = "Terminating:Wait";
