import { describe, expect, it } from "vitest";
import { runCtl } from "../../../cli/commands/ctl.ts";
import type { TransportChoice } from "../../../cli/ctl/args.ts";
import { withCallerProof } from "../../../cli/ctl/caller-proof.ts";
import { functionTransport } from "../../../cli/ctl/transport.ts";
import { BREAKER_TAG, encodeBreaker, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import { GROUP, NOW, type OperatorWorld, operatorWorld, type WorldOptions } from "../../fixtures/operator/world.ts";

/** Runs `ctl` against the real handler over in-memory ports, recording what it sent and which transport it chose. */
async function ctl(
  args: string[],
  world: OperatorWorld = operatorWorld({ cpu: 50 }),
  env: Record<string, string> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const sent: Array<Record<string, unknown>> = [];
  const choices: TransportChoice[] = [];
  const environment: Record<string, string | undefined> = { USER: "tester", ...env };
  const code = await runCtl(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: environment,
    transport: async (choice) => {
      choices.push(choice);
      return (request) => {
        sent.push(request);
        return world.invoke(request);
      };
    },
  });
  return { code, out, err, sent, choices, world, env: environment, text: out.join("\n") };
}

const local = ["--cluster", "prod", "--local"];
const world = (o: WorldOptions = {}) => operatorWorld({ cpu: 50, ...o });

describe("dp-autoscaler ctl: usage", () => {
  it.each([
    [[], "name an action: status, explain, scale, pause, resume"],
    [["reboot", ...local], 'unknown action "reboot"'],
    [
      ["stauts", ...local],
      'unknown action "stauts" (expected status, explain, scale, pause, resume) (did you mean "status"?)',
    ],
    [["status", "--local"], "--cluster NAME is required"],
    [["scale", ...local, "--reason", "x"], "exactly one of --desired N, --add N, --remove N"],
    [["scale", ...local, "--desired", "6", "--add", "1"], "exactly one of"],
    [["scale", ...local, "--desired", "six"], '--desired: must be a whole number ≥ 0, got "six"'],
    [["scale", ...local, "--add=-1", "--reason", "x"], '--add: must be a whole number ≥ 0, got "-1"'],
    [["scale", ...local, "--add", "-1"], '--add needs a value (a value starting with "-" goes as --add=VALUE)'],
    [["scale", ...local, "--add", "2", "--expect", "4"], "--expect goes with --desired"],
    [["status", ...local, "--dry-run"], "--dry-run only goes with scale"],
    [["pause", ...local, "--desired", "3"], "--desired only goes with scale"],
    [["status", "--cluster", "prod", "--local", "--function", "op"], "exclude each other"],
    [["status", "--cluster", "prod"], "--function NAME"],
    [["status", ...local, "--bogus"], "unknown option --bogus"],
    [
      ["scale", ...local, "--desired", "3", "--reason", "x", "--dryrun"],
      'unknown option --dryrun (did you mean "--dry-run"?)',
    ],
    [["scale", "--cluster", "prod", "--function", "op", "--desired", "6"], "--reason TEXT is required by scale"],
    [["pause", "--cluster", "prod", "--function", "op"], "--reason TEXT is required by pause"],
    [["resume", "--cluster", "prod", "--local", "--reason", "  "], "--reason TEXT is required by resume"],
    [["pause", ...local, "--reason", "x".repeat(501)], "--reason: at most 500 characters"],
    [["status", ...local, "--cluster", "edge"], "--cluster given twice"],
    [["status", "--cluster"], "--cluster needs a value"],
  ])("%j → exit 2: %s", async (args, message) => {
    const r = await ctl(args as string[]);

    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain(message);
    // Checked before anything is sent, or even before the operator is reached.
    expect(r.sent).toEqual([]);
    expect(r.choices).toEqual([]);
  });

  it("--region and --profile go where the SDK reads them, like the AWS CLI's; the handler's logs are quiet", async () => {
    const r = await ctl([
      "status",
      "--cluster",
      "prod",
      "--function",
      "op",
      "--region",
      "eu-north-1",
      "--profile",
      "ops",
    ]);
    expect(r.code).toBe(0);
    expect(r.env).toMatchObject({ AWS_REGION: "eu-north-1", AWS_PROFILE: "ops", POWERTOOLS_LOG_LEVEL: "SILENT" });
  });

  it("chooses the deployed function from --function, or from DP_AUTOSCALER_OPERATOR_FUNCTION", async () => {
    const a = await ctl(["status", "--cluster", "prod", "--function", "dp-op"]);
    const b = await ctl(["status", "--cluster=prod"], undefined, { DP_AUTOSCALER_OPERATOR_FUNCTION: "dp-op-env" });
    const c = await ctl(["status", ...local]);

    expect([...a.choices, ...b.choices, ...c.choices]).toEqual([
      { kind: "function", functionName: "dp-op" },
      { kind: "function", functionName: "dp-op-env" },
      { kind: "local" },
    ]);
  });
});

describe("dp-autoscaler ctl: each verb against a locally run handler", () => {
  it("status: a readable table of size, nodes, targets, signals, decision, activity", async () => {
    const w = world({ tags: { [BREAKER_TAG]: encodeBreaker({ open: false, abandons: [NOW - 60_000] }) } });
    w.fleet.activities.set(GROUP, [
      {
        activityId: "a",
        statusCode: "Successful",
        description: "Launching a new EC2 instance: i-4",
        cause:
          "At 2026-01-15T11:55:00Z a user request explicitly set group desired capacity changing the desired capacity from 3 to 4.",
        startTime: NOW - 300_000,
      },
    ]);

    const r = await ctl(["status", ...local], w);

    expect(r.code).toBe(0);
    expect(r.out[0]).toBe("prod  (Auto Scaling group dp-prod-asg)");
    expect(r.text).toMatch(/desired\s+4 {3}\(group min 2, max 10\)/);
    expect(r.text).toMatch(/manual range\s+\[2, 8\] {2}\(minNodes 2, maxNodes 10, group 2\.\.10, CP serves 8\)/);
    expect(r.text).toMatch(/paused\s+no/);
    expect(r.text).toMatch(/CP breaker\s+closed \(1 recent CP abandon\)/);
    expect(r.text).toMatch(/in service\s+3\s+i-1 i-2 i-3/);
    expect(r.text).toMatch(/waiting for CP\s+1\s+i-4/);
    expect(r.text).toMatch(/dp-prod\/0123456789abcdef\s+3\s+0\s+0\s+0\s+0/);
    expect(r.text).toMatch(/cpu\s+50 %\s+70 %\s+2026-01-15T11:59:00Z/);
    expect(r.text).toMatch(/decision now\n {2}\S/);
    expect(r.text).toMatch(/2026-01-15T11:55:00Z\s+Successful\s+At .* from 3 to 4\./);
    expect(r.sent).toEqual([{ action: "status", cluster: "prod", requestedBy: "tester" }]);
  });

  it("status: a state tag the autoscaler does not recognise is a warning line under the table", async () => {
    const r = await ctl(["status", ...local], world({ tags: { [PAUSE_TAG]: "pasued" } }));
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/paused\s+yes/);
    expect(r.text).toMatch(/\n {2}warning: tag dp-autoscaler:paused = "pasued" is not a value .*read as PAUSED/);
  });

  it("status --json: the operator's answer as JSON", async () => {
    const r = await ctl(["status", ...local, "--json"]);

    expect(r.code).toBe(0);
    expect(JSON.parse(r.text)).toMatchObject({ ok: true, action: "status", cluster: "prod", desired: 4 });
  });

  it("explain: the decision in words", async () => {
    const r = await ctl(["explain", ...local]);

    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^prod: (hold at 4 nodes|scale-(in|out) 4 → \d+ nodes) \(at 2026-01-15T12:00:00\.000Z\)$/);
    expect(r.text).toContain("cpu");
  });

  it("scale --desired: sets it, says so, warns that the scaler may move it", async () => {
    const r = await ctl(["scale", ...local, "--desired", "6", "--reason", "launch day", "--by", "alice"]);

    expect(r.code).toBe(0);
    expect(r.out[0]).toBe("prod: desired 4 → 6");
    expect(r.out[1]).toMatch(/^warning: the cluster is not paused/);
    expect(r.sent).toEqual([
      { action: "scale", cluster: "prod", reason: "launch day", requestedBy: "alice", desired: 6 },
    ]);
    expect(r.world.fleet.groups.get(GROUP)!.desired).toBe(6);
  });

  it("scale --desired --expect: compare-and-set, refused on a mismatch", async () => {
    const r = await ctl(["scale", ...local, "--desired", "6", "--expect", "3", "--reason", "x"]);

    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      expect.stringMatching(
        /^dp-autoscaler ctl: conflict \[expectDesired\]: expectDesired: the group's desired capacity is 4, not 3/,
      ),
    ]);
    expect(r.out).toEqual([]);
  });

  it("scale --add: reads the size with a fresh status, then sends an absolute desired with expectDesired", async () => {
    const r = await ctl(["scale", ...local, "--add", "2", "--reason", "spike"]);

    expect(r.code).toBe(0);
    expect(r.sent).toEqual([
      { action: "status", cluster: "prod", requestedBy: "tester" },
      { action: "scale", cluster: "prod", reason: "spike", requestedBy: "tester", desired: 6, expectDesired: 4 },
    ]);
    expect(r.out[0]).toBe("prod: desired 4 → 6");
  });

  it("scale --remove: the same, downwards", async () => {
    const r = await ctl(["scale", ...local, "--remove", "1", "--reason", "quiet"]);
    expect(r.sent[1]).toMatchObject({ desired: 3, expectDesired: 4 });
    expect(r.world.fleet.groups.get(GROUP)!.desired).toBe(3);
  });

  it("scale --dry-run: says what would happen, changes nothing", async () => {
    const r = await ctl(["scale", ...local, "--add", "2", "--reason", "what if", "--dry-run"]);

    expect(r.code).toBe(0);
    expect(r.out[0]).toBe("prod: dry run — would set desired 4 → 6; nothing changed");
    expect(r.world.mutations()).toEqual([]);
  });

  it("scale refused by the breaker, then forced", async () => {
    const w = world({ tags: { [BREAKER_TAG]: encodeBreaker({ open: true, abandons: [NOW], openedAt: NOW }) } });

    const refused = await ctl(["scale", ...local, "--desired", "5", "--reason", "x"], w);
    const forced = await ctl(["scale", ...local, "--desired", "5", "--reason", "CP is back", "--force"], w);

    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(
      /^dp-autoscaler ctl: breaker_open \[force\]: the control-plane-outage breaker is open/,
    );
    expect(forced.code).toBe(0);
    expect(forced.out[0]).toBe("prod: desired 4 → 5 (forced)");
  });

  it("an out-of-bounds scale: one line on stderr, exit 1; with --json the answer is on stdout", async () => {
    const plain = await ctl(["scale", ...local, "--desired", "20", "--reason", "x"]);
    const json = await ctl(["scale", ...local, "--desired", "20", "--reason", "x", "--json"]);

    expect(plain.code).toBe(1);
    expect(plain.err).toHaveLength(1);
    expect(plain.err[0]).toContain("out_of_bounds [desired]: desired: 20 is outside [2, 8]");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.text)).toMatchObject({
      ok: false,
      error: { code: "out_of_bounds", details: { ceiling: 8 } },
    });
  });

  it("scale --add on an unknown cluster fails at the status step", async () => {
    const r = await ctl(["scale", "--cluster", "nope", "--local", "--add", "1", "--reason", "x"]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain("unknown_cluster [cluster]");
    expect(r.sent).toHaveLength(1);
  });

  it("pause and resume", async () => {
    const w = world();

    const pause = await ctl(["pause", ...local, "--reason", "game day", "--by", "bob"], w);
    const again = await ctl(["pause", ...local, "--reason", "again"], w);
    const resume = await ctl(["resume", ...local, "--reason", "done"], w);
    const resumeAgain = await ctl(["resume", ...local, "--reason", "done"], w);

    expect(pause.out).toEqual(["prod: paused by bob since 2026-01-15T12:00:00Z — game day"]);
    expect(again.out).toEqual(["prod: already paused by bob since 2026-01-15T12:00:00Z — game day; nothing changed"]);
    expect(resume.out).toEqual(["prod: resumed — automatic scaling is back"]);
    expect(resumeAgain.out).toEqual(["prod: was not paused; nothing to do"]);
  });

  it("status exits 1 when it could not read part of what it shows, after showing the rest", async () => {
    const w = world();
    w.metrics.failNext(new Error("GetMetricData throttled"));
    const r = await ctl(["status", ...local], w);

    expect(r.text).toContain("decision now");
    expect(r.text).toMatch(/unavailable: /);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^dp-autoscaler ctl: status could not read the decision now \(/)]);
  });

  it("a transport failure is one line and exit 1", async () => {
    const err: string[] = [];
    const code = await runCtl(["status", "--cluster", "prod", "--function", "gone"], {
      out: () => {},
      err: (l) => err.push(l),
      env: {},
      transport: async () => async () => {
        throw new Error("ResourceNotFoundException: Function not found: gone");
      },
    });
    expect(code).toBe(1);
    expect(err).toEqual([
      "dp-autoscaler ctl: no such function in this region: check --function (or DP_AUTOSCALER_OPERATOR_FUNCTION) and --region",
    ]);
  });

  it("an answer that is not an operator response is an error", async () => {
    const err: string[] = [];
    const code = await runCtl(["status", ...local], {
      out: () => {},
      err: (l) => err.push(l),
      env: {},
      transport: async () => async () => ({ statusCode: 200 }),
    });
    expect(code).toBe(1);
    expect(err[0]).toContain("not an operator response");
  });
});

describe("functionTransport", () => {
  it("invokes the named function with the request, signed (a caller proof), as payload", async () => {
    const calls: unknown[][] = [];
    const identity = {
      region: "eu-west-1",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
    };
    const send = functionTransport(
      "dp-autoscaler-operator",
      async (...args) => {
        calls.push(args);
        return { ok: true };
      },
      (request) => withCallerProof(request, identity, Date.UTC(2026, 0, 15, 12), {}),
    );

    expect(await send({ action: "status", cluster: "prod" })).toEqual({ ok: true });
    expect(calls).toEqual([
      [
        "dp-autoscaler-operator",
        {
          action: "status",
          cluster: "prod",
          callerProof: {
            amzDate: "20260115T120000Z",
            authorization: expect.stringMatching(
              /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/eu-west-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-dp-autoscaler-request, Signature=[0-9a-f]{64}$/,
            ),
            securityToken: "token",
          },
        },
      ],
    ]);
  });
});
