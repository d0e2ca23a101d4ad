/**
 * Issue 12, item 5: the operator records who called as AWS authenticated them, not only the self-declared
 * `requestedBy`. `ctl` signs an STS GetCallerIdentity bound to the request (cli/ctl/caller-proof.ts); the operator
 * sends it to STS (shared/aws/sts-caller.ts) — here a 127.0.0.1 STS that checks SigV4 as STS does — and records the
 * ARN in the log, the metric (dimension `Caller`) and Slack. Forged, tampered, replayed or stale proofs are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCtl } from "../../cli/commands/ctl.ts";
import { signCallerProof, withCallerProof } from "../../cli/ctl/caller-proof.ts";
import { functionTransport } from "../../cli/ctl/transport.ts";
import type { InvokerIdentity } from "../../shared/aws/lambda-invoke.ts";
import { StsCallerVerifier } from "../../shared/aws/sts-caller.ts";
import { buildMessage } from "../../shared/notify/index.ts";
import { OWN_METRICS } from "../../shared/ports/metrics.ts";
import { CALLER_DIMENSION, UNVERIFIED } from "../../shared/services/operator/audit.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";
import { handleOperatorRequest } from "../../shared/services/operator/handle-request.ts";
import { ASG, LifecycleWorld } from "../../test-kit/fake-fleet-world.ts";
import { FakePublisher } from "../../test-kit/fake-metrics.ts";
import { type StsStub, startStsStub } from "./support/sts-stub.ts";

const REGION = "eu-west-1";
const BOB_ARN = "arn:aws:sts::123456789012:assumed-role/OnCall/bob";
const bob: InvokerIdentity = {
  region: REGION,
  credentials: { accessKeyId: "ASIABOB", secretAccessKey: "bob-secret", sessionToken: "bob-session-token" },
};
const mallory: InvokerIdentity = {
  region: REGION,
  credentials: { accessKeyId: "AKIAMALLORY", secretAccessKey: "guessed-wrong" },
};

let sts: StsStub;
beforeAll(async () => {
  sts = await startStsStub(
    {
      ASIABOB: {
        secretAccessKey: "bob-secret",
        sessionToken: "bob-session-token",
        arn: BOB_ARN,
        account: "123456789012",
      },
      AKIAMALLORY: { secretAccessKey: "mallory-secret", arn: "arn:aws:iam::123456789012:user/mallory", account: "1" },
    },
    REGION,
  );
});
afterAll(() => sts.close());

function operator() {
  const w = new LifecycleWorld();
  const publisher = new FakePublisher();
  const deps = { ...w.deps, publisher };
  const env = { AWS_ENDPOINT_URL_STS: sts.url };
  const verifier = new StsCallerVerifier(REGION, w.clock, env);
  const send = (request: unknown) => handleOperatorRequest(deps, request, "req-1", verifier);
  return { w, publisher, env, verifier, send, group: () => w.fleet.groups.get(ASG)! };
}

const pause = { action: "pause", cluster: "edge", reason: "game day", requestedBy: "alice" };
const scale = (desired: number) => ({ action: "scale", cluster: "edge", reason: "campaign", desired });
const auditLine = (w: LifecycleWorld) =>
  w.log.records().find((r) => r.message === "operator request" || r.message === "operator request refused")!;

describe("who called, as AWS authenticated them", () => {
  it("a signed request is recorded with the ARN STS returned: log, metric dimension, Slack", async () => {
    const o = operator();
    const request = await withCallerProof(pause, bob, o.w.clock.now(), o.env);
    const answer = await o.send(request);
    expect(answer).toMatchObject({ ok: true, changed: true });
    // The log: the verified ARN beside what the request said (alice), never the proof itself.
    expect(auditLine(o.w)).toMatchObject({ caller: BOB_ARN, callerVerified: true, requestedBy: "alice" });
    expect(o.w.log.text()).not.toContain("bob-session-token");
    expect(o.w.log.text()).not.toContain("Signature=");
    // The metric by caller: the role, without the session name (one metric per role, not per login).
    expect(
      o.publisher.values("edge", OWN_METRICS.operatorRequests, {
        [CALLER_DIMENSION]: "arn:aws:sts::123456789012:assumed-role/OnCall",
      }),
    ).toEqual([1]);
    expect(o.publisher.values("edge", OWN_METRICS.operatorRequests)).toEqual([1]);
    // Slack.
    const event = o.w.notifications.find((n) => n.kind === "manual-action")!;
    expect(event).toMatchObject({ callerArn: BOB_ARN, by: "alice" });
    const text = JSON.stringify(buildMessage(event, { region: REGION }));
    expect(text).toContain("Caller (AWS)");
    expect(text).toContain(BOB_ARN);
    expect(sts.calls.at(-1)).toMatchObject({ accessKeyId: "ASIABOB", outcome: "ok" });
  });

  it("a request without a proof still works (direct invoke), recorded as not verified", async () => {
    const o = operator();
    expect(await o.send(pause)).toMatchObject({ ok: true, changed: true });
    expect(auditLine(o.w)).toMatchObject({ caller: UNVERIFIED, callerVerified: false, requestedBy: "alice" });
    expect(o.publisher.values("edge", OWN_METRICS.operatorRequests, { [CALLER_DIMENSION]: UNVERIFIED })).toEqual([1]);
    const event = o.w.notifications.find((n) => n.kind === "manual-action")!;
    expect((event as { callerArn?: string }).callerArn).toBeUndefined();
    expect(JSON.stringify(buildMessage(event, { region: REGION }))).toContain("not verified (no caller proof)");
  });

  it("a request changed after it was signed (another size) is refused: STS sees another digest", async () => {
    const o = operator();
    const signed = await withCallerProof(scale(3), bob, o.w.clock.now(), o.env);
    const answer = await o.send({ ...signed, desired: 10 });
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated", field: "callerProof" } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/SignatureDoesNotMatch/);
    expect(o.w.fleet.calls.filter((c) => c.op === "setDesired")).toEqual([]);
    expect(auditLine(o.w)).toMatchObject({ callerVerified: false, errorCode: "unauthenticated" });
  });

  it("a proof replayed for another cluster or action is refused", async () => {
    const o = operator();
    const signed = await withCallerProof(pause, bob, o.w.clock.now(), o.env);
    for (const replay of [
      { ...signed, cluster: "other" },
      { ...signed, action: "resume" },
    ])
      expect(await o.send(replay)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(o.w.fleet.calls.filter((c) => c.op === "putTags" || c.op === "deleteTags")).toEqual([]);
  });

  it("a signature made with the wrong secret is refused (nobody can claim another's identity)", async () => {
    const o = operator();
    const answer = await o.send(await withCallerProof(pause, mallory, o.w.clock.now(), o.env));
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(o.group().tags).toEqual({});
  });

  it("a proof whose signature does not cover the request digest is refused before STS is asked", async () => {
    const o = operator();
    const proof = await signCallerProof(pause, bob, o.w.clock.now(), o.env);
    const forged = {
      ...proof,
      authorization: proof.authorization.replace(/SignedHeaders=[^,]+/, "SignedHeaders=content-type;host;x-amz-date"),
    };
    const before = sts.calls.length;
    const answer = await o.send({ ...pause, callerProof: forged });
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect((answer as { error: { message: string } }).error.message).toContain("x-dp-autoscaler-request");
    expect(sts.calls.length).toBe(before);
  });

  it("a proof signed more than five minutes ago is refused", async () => {
    const o = operator();
    const request = await withCallerProof(pause, bob, o.w.clock.now() - 6 * 60_000, o.env);
    const answer = await o.send(request);
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect((answer as { error: { message: string } }).error.message).toContain("more than 5 minutes");
  });

  it("STS out of reach: refused as not verifiable, nothing done, and the answer says to retry", async () => {
    const o = operator();
    const verifier = new StsCallerVerifier(REGION, o.w.clock, { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1" });
    const request = await withCallerProof(pause, bob, o.w.clock.now(), o.env);
    const answer = await handleOperatorRequest({ ...o.w.deps, publisher: o.publisher }, request, "r", verifier);
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/could not be verified.*retry/);
    expect(o.group().tags).toEqual({});
  });

  it("an operator without a verifier refuses a proof rather than trust it", async () => {
    const o = operator();
    const request = await withCallerProof(pause, bob, o.w.clock.now(), o.env);
    const answer = await handleOperatorRequest({ ...o.w.deps, publisher: o.publisher }, request);
    expect(answer).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("ctl signs every request it sends; the operator records the caller (end to end, over a Lambda-style invoke)", async () => {
    const o = operator();
    const handler = createOperatorHandler({ ...o.w.deps, publisher: o.publisher }, { verifier: o.verifier });
    const invoked: unknown[] = [];
    const transport = functionTransport(
      "dp-autoscaler-ci-operator",
      async (_name, payload) => {
        invoked.push(payload);
        // What Lambda does with a RequestResponse payload: JSON over the wire.
        return handler(JSON.parse(JSON.stringify(payload)), o.w.context());
      },
      (request) => withCallerProof(request, bob, o.w.clock.now(), o.env),
    );
    const out: string[] = [];
    const code = await runCtl(
      ["pause", "--cluster", "edge", "--reason", "game day", "--by", "alice", "--json", "--function", "op"],
      {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        env: {},
        transport: async () => transport,
      },
    );
    expect(code).toBe(0);
    expect(invoked).toEqual([
      expect.objectContaining({ callerProof: expect.objectContaining({ amzDate: expect.any(String) }) }),
    ]);
    expect(auditLine(o.w)).toMatchObject({ caller: BOB_ARN, callerVerified: true });
  });
});
