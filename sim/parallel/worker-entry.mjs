// A worker thread of `runInParallel` (sim/parallel/runs.ts). Workers do not inherit the parent's TypeScript loader,
// so each registers tsx itself (as cli/dp-autoscaler.js does) before loading the run code.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
