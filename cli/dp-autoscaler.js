#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx (the same code the Lambdas bundle), so there is no build
// step between a clone and `npx dp-autoscaler`.
import { register } from "tsx/esm/api";

// `dp-autoscaler … | head` closes the pipe early: that is the reader being done, not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

register();
const { warnOncePerMessage } = await import("./handler-output.ts");
warnOncePerMessage();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
