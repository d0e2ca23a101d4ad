/** Raised when a probe URL would reach anything but the private address EC2 reports for a managed instance. */
export class ProbeTargetError extends Error {
  override readonly name = "ProbeTargetError";
  constructor(
    message: string,
    readonly details: { template?: string; instanceId?: string; privateIp?: string },
  ) {
    super(message);
  }
}
