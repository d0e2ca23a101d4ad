#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx (the same code the Lambdas bundle), so there is no build
// step between a clone and `npx dp-autoscaler`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
