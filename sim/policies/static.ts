/**
 * `static`: a fixed fleet, sized once by capacity planning — by default enough nodes for the window's peak demand at
 * the configured CPU and bandwidth targets, within [min, min(max, CP capacity)] — registered the ASG-native way.
 * Nothing ever changes its size; it is the cost of never being overloaded by planning for the peak.
 */
import { peakRate } from "../traffic/series.ts";
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";

export function staticPolicy(): SimPolicy {
  return {
    name: "static",
    setup(world: SimWorld): PolicySetup {
      const planned = world.scenario.policies.static.nodes ?? world.nodesAtTarget(peakRate(world.traffic).rps);
      return {
        hooks: [],
        attachTargetGroups: true,
        maxSize: world.ceiling,
        initialNodes: world.clampToBounds(planned),
      };
    },
    start() {},
    stop() {},
    busy: () => false,
  };
}
