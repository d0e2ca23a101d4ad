/**
 * moto (an independent, Python implementation of the AWS APIs) in server mode on 127.0.0.1, for the tests that run
 * the real adapters over HTTP against something we did not write. Optional: moto is not on npm, so a machine
 * without it skips those tests and says why (`motoAvailability`).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

export interface MotoAvailability {
  available: boolean;
  /** "moto 5.2.1", or why it is not there. */
  detail: string;
}

export function motoAvailability(): MotoAvailability {
  const probe = spawnSync("python3", ["-c", "import moto; print(moto.__version__)"], { encoding: "utf8" });
  if (probe.error) return { available: false, detail: `no python3 (${probe.error.message})` };
  if (probe.status !== 0)
    return { available: false, detail: "python3 has no moto module (pip install 'moto[server]')" };
  return { available: true, detail: `moto ${probe.stdout.trim()}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class MotoServer {
  private constructor(
    private readonly process: ChildProcess,
    readonly endpoint: string,
  ) {}

  /** Starts `python3 -m moto.server` and resolves once it says it is listening (its own log line, no polling). */
  static async start(): Promise<MotoServer> {
    const port = await freePort();
    const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Running on")) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("error", reject);
      child.once("exit", (code) =>
        reject(new Error(`moto exited with ${code} before listening:\n${output.slice(-2000)}`)),
      );
    });
    return new MotoServer(child, `http://127.0.0.1:${port}`);
  }

  /** What every SDK client needs to talk to it (moto accepts any credentials). */
  clientConfig(region = "us-east-1") {
    return { region, endpoint: this.endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      this.process.once("exit", () => resolve());
      this.process.kill();
    });
  }
}
