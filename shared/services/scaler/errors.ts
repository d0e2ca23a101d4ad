/** Errors of the scaler service. Each carries what a reader needs to act on it. */

/** The event is not one the scaler understands, or is malformed. Answered with no action, never retried. */
export class InvalidEventError extends Error {
  override readonly name = "InvalidEventError";
  constructor(
    /** Which event form it looked like: "EventBridge alarm event", "SNS alarm notification", … */
    readonly form: string,
    /** Every problem, `path: message`. */
    readonly problems: string[],
  ) {
    super(`invalid ${form}: ${problems.join("; ")}`);
  }
}

/** The cluster's Auto Scaling group does not exist (deleted, renamed, or another account/region). */
export class GroupNotFoundError extends Error {
  override readonly name = "GroupNotFoundError";
  constructor(
    readonly cluster: string,
    readonly groupName: string,
  ) {
    super(`cluster ${cluster}: Auto Scaling group "${groupName}" not found`);
  }
}
