/** In-memory `InstancesPort`: what EC2 says about each instance. */
import type { InstanceInfo, InstancesPort } from "../shared/ports/instances.ts";

export class FakeInstances implements InstancesPort {
  readonly instances = new Map<string, InstanceInfo>();
  describeCalls = 0;

  add(info: Partial<InstanceInfo> & { instanceId: string }): InstanceInfo {
    const full: InstanceInfo = { state: "running", instanceType: "c6i.large", ...info };
    this.instances.set(full.instanceId, full);
    return full;
  }

  setState(instanceId: string, state: string): void {
    const i = this.instances.get(instanceId);
    if (i) i.state = state;
  }

  /** EC2 forgets terminated instances after a while. */
  forget(instanceId: string): void {
    this.instances.delete(instanceId);
  }

  async describeInstance(instanceId: string): Promise<InstanceInfo | undefined> {
    this.describeCalls++;
    const i = this.instances.get(instanceId);
    return i ? { ...i } : undefined;
  }

  async baselineBandwidthBps(): Promise<number | undefined> {
    return undefined;
  }
}
