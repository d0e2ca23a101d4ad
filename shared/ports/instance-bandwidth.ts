/**
 * The fallback behind `InstancesPort.baselineBandwidthBps` that every implementation (the EC2 adapter, the simulator)
 * shares: baseline network bandwidth (Gbps, per direction, not burst) of common gateway instance types, for when
 * `DescribeInstanceTypes` does not report `BaselineBandwidthInGbps` (it is missing for some types) or cannot be called.
 * Values from the EC2 instance-type network specifications; "up to X Gbps" types list their baseline here.
 * A cluster can override all of this with `signals.bandwidth.baselineGbps`.
 */
export const BASELINE_GBPS_FALLBACK: Readonly<Record<string, number>> = {
  // Intel, 5th generation
  "c5.large": 0.75,
  "c5.xlarge": 1.25,
  "c5.2xlarge": 2.5,
  "c5.4xlarge": 5,
  "m5.large": 0.75,
  "m5.xlarge": 1.25,
  "m5.2xlarge": 2.5,
  "m5.4xlarge": 5,
  "c5n.large": 3,
  // Intel, 6th and 7th generation
  "c6i.large": 0.781,
  "c6i.xlarge": 1.562,
  "c6i.2xlarge": 3.125,
  "c6i.4xlarge": 6.25,
  "m6i.large": 0.781,
  "m6i.xlarge": 1.562,
  "m6i.2xlarge": 3.125,
  "m6i.4xlarge": 6.25,
  "c6in.large": 3.125,
  "c7i.large": 0.781,
  "c7i.xlarge": 1.562,
  "c7i.2xlarge": 3.125,
  "c7i.4xlarge": 6.25,
  // Graviton
  "c6g.large": 0.75,
  "c6g.xlarge": 1.25,
  "c6g.2xlarge": 2.5,
  "c6g.4xlarge": 5,
  "c6gn.large": 3,
  "c7g.large": 0.937,
  "c7g.xlarge": 1.876,
  "c7g.2xlarge": 3.75,
  "c7g.4xlarge": 7.5,
  "m7g.large": 0.937,
  "m7g.xlarge": 1.876,
  // Burstable (small test fleets)
  "t3.medium": 0.256,
  "t3.large": 0.512,
  "t3.xlarge": 1.024,
};

/** Baseline bandwidth from the table, bits per second; undefined for a type it does not know. */
export function fallbackBaselineBps(instanceType: string): number | undefined {
  const gbps = BASELINE_GBPS_FALLBACK[instanceType];
  return gbps === undefined ? undefined : gbps * 1e9;
}
