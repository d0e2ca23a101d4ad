/**
 * A stand-in AWS endpoint on 127.0.0.1 that speaks the wire protocols of the calls the functions make, so the real
 * SDK clients — serialisation, signing, retry middleware, error deserialisation — run unchanged against it:
 *
 * - AWS Query (Auto Scaling `2011-01-01`, ELBv2 `2015-12-01`): form-encoded requests, XML answers, errors as
 *   `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>…`;
 * - EC2 Query (`2016-11-15`): errors as `<Response><Errors><Error><Code>RequestLimitExceeded</Code>…`;
 * - CloudWatch: @aws-sdk/client-cloudwatch 3.116x speaks AWS JSON 1.0 (`X-Amz-Target:
 *   GraniteServiceVersion20100801.GetMetricData`) in query-compatible mode, so errors are JSON with the query code in
 *   the `x-amzn-query-error: Throttling;Sender` header.
 *
 * - SSM (`PutParameter`, `GetParameter`): AWS JSON 1.1, `X-Amz-Target: AmazonSSM.<Operation>`, so a walkthrough can
 *   store the configuration and the functions load it as in AWS.
 *
 * Behind it sits a tiny consistent world (groups, instances, target groups, a CPU that falls as nodes are added), so a
 * scaler tick against it converges like against AWS. Faults come from a script (`failNext`) or at a seeded random
 * rate (`setFaultRate`, drawn per operation and call number, so parallel calls do not change who gets which fault);
 * every request is recorded with what it was answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Service = "autoscaling" | "elbv2" | "ec2" | "cloudwatch" | "ssm";

export type FaultKind =
  | "throttling"
  | "server-error"
  | "unavailable"
  | "scaling-activity-in-progress"
  | "resource-contention"
  | "validation"
  | "no-active-lifecycle-action";

interface FaultShape {
  status: number;
  type: "Sender" | "Receiver";
  code: string;
  message: string;
}

/** The error each fault is answered with, per service (EC2 and CloudWatch spell throttling their own way). */
function shapeOf(kind: FaultKind, service: Service, params: Params): FaultShape {
  switch (kind) {
    case "throttling":
      if (service === "ec2")
        return { status: 503, type: "Sender", code: "RequestLimitExceeded", message: "Request limit exceeded." };
      return { status: 400, type: "Sender", code: "Throttling", message: "Rate exceeded" };
    case "server-error":
      return { status: 500, type: "Receiver", code: "InternalFailure", message: "An internal error occurred." };
    case "unavailable":
      return { status: 503, type: "Receiver", code: "ServiceUnavailable", message: "Service is unavailable." };
    case "scaling-activity-in-progress":
      return {
        status: 400,
        type: "Sender",
        code: "ScalingActivityInProgress",
        message: "Scaling activity 1a2b3c is in progress and blocks this action.",
      };
    case "resource-contention":
      // Auto Scaling documents ResourceContention as HTTP 500: the SDK treats it as transient and retries it.
      return {
        status: 500,
        type: "Receiver",
        code: "ResourceContention",
        message: "You already have a pending update to an Auto Scaling resource.",
      };
    case "validation":
      return {
        status: 400,
        type: "Sender",
        code: "ValidationError",
        message: `New SetDesiredCapacity value ${params.get("DesiredCapacity")} is above max value 10 for the AutoScalingGroup.`,
      };
    case "no-active-lifecycle-action":
      return {
        status: 400,
        type: "Sender",
        code: "ValidationError",
        message: `No active Lifecycle Action found with instance ID ${params.get("InstanceId") ?? "i-0"}`,
      };
  }
}

interface Params {
  get(name: string): string | undefined;
  all(prefix: string): string[];
}

export interface StubCall {
  service: Service;
  operation: string;
  /** For SetDesiredCapacity: the desired capacity asked for. */
  desired?: number;
  /** The AWS error code answered, or undefined for success. */
  fault?: string;
  status: number;
}

export interface StubInstance {
  id: string;
  lifecycleState: string;
  ip: string;
  ec2State: string;
}

export interface StubGroup {
  name: string;
  desired: number;
  min: number;
  max: number;
  instances: StubInstance[];
  /** When true, SetDesiredCapacity adds or removes InService instances at once (a fast-forward ASG). */
  followDesired: boolean;
}

/** A deterministic PRNG (mulberry32), so a faulty run is the same run every time. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class AwsStub {
  readonly calls: StubCall[] = [];
  readonly groups = new Map<string, StubGroup>();
  /** SSM parameters: name → value. */
  readonly parameters = new Map<string, string>();
  /** Target group ARN → instance id → state. */
  readonly targets = new Map<string, Map<string, string>>();
  /** The cluster's total CPU demand in "percent-nodes": CPU per node = load ÷ nodes in service. */
  cpuLoad = 280;
  private readonly scripted: { operation: string; kind: FaultKind }[] = [];
  private rate = 0;
  private rateKinds: FaultKind[] = ["throttling"];
  private seed = 1;
  /** Calls seen per operation: the n-th call of an operation draws the same fault whatever else runs in parallel. */
  private readonly seen = new Map<string, number>();
  private server: Server | undefined;
  private port = 0;
  private nextRequest = 1;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addGroup(g: Omit<StubGroup, "instances" | "followDesired"> & Partial<StubGroup>): StubGroup {
    const group: StubGroup = {
      instances: Array.from({ length: g.desired }, (_, i) => this.instance(g.name, i)),
      followDesired: true,
      ...g,
    };
    this.groups.set(group.name, group);
    return group;
  }

  /** Forgets every group, target, fault and recorded call. */
  reset(): this {
    this.calls.length = 0;
    this.groups.clear();
    this.targets.clear();
    this.scripted.length = 0;
    this.cpuLoad = 280;
    return this.setFaultRate(0);
  }

  /** The next `times` calls of `operation` fail with `kind` (before any random fault). */
  failNext(operation: string, kind: FaultKind, times = 1): this {
    for (let i = 0; i < times; i++) this.scripted.push({ operation, kind });
    return this;
  }

  /** Every call fails with probability `rate` (0–1), with one of `kinds`, drawn from a seeded generator. */
  setFaultRate(rate: number, kinds: FaultKind[] = ["throttling", "server-error", "unavailable"], seed = 1): this {
    this.rate = rate;
    this.rateKinds = kinds;
    this.seed = seed;
    this.seen.clear();
    return this;
  }

  callsOf(operation: string): StubCall[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  private instance(group: string, i: number): StubInstance {
    const n = this.nextRequest++;
    return {
      id: `i-0${group.length.toString(16)}${(i + 16 * n).toString(16).padStart(15, "0")}`,
      lifecycleState: "InService",
      ip: `10.0.${n % 250}.${(i % 250) + 4}`,
      ec2State: "running",
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const target = req.headers["x-amz-target"];
    let service: Service;
    let operation: string;
    let params: Params;
    if (typeof target === "string") {
      service = target.startsWith("AmazonSSM.") ? "ssm" : "cloudwatch";
      operation = target.split(".")[1] ?? "";
      const json = JSON.parse(body || "{}") as Record<string, unknown>;
      params = { get: (n) => (json[n] === undefined ? undefined : JSON.stringify(json[n])), all: () => [] };
      (params as { json?: unknown }).json = json;
    } else {
      const form = new URLSearchParams(body);
      const version = form.get("Version");
      service = version === "2016-11-15" ? "ec2" : version === "2015-12-01" ? "elbv2" : "autoscaling";
      operation = form.get("Action") ?? "";
      params = {
        get: (n) => form.get(n) ?? undefined,
        all: (prefix) => [...form.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v),
      };
    }
    const requestId = `stub-${this.nextRequest++}`;
    const call: StubCall = { service, operation, status: 200 };
    if (operation === "SetDesiredCapacity") call.desired = Number(params.get("DesiredCapacity"));
    this.calls.push(call);

    const fault = this.faultFor(operation);
    if (fault !== undefined) {
      const shape = shapeOf(fault, service, params);
      call.fault = shape.code;
      call.status = shape.status;
      return this.error(res, service, shape, requestId);
    }
    try {
      this.succeed(res, service, operation, params, requestId);
    } catch (err) {
      // An AWS-side refusal the world itself decides (desired above max, an action that is gone).
      const shape = (err as { shape?: FaultShape }).shape;
      if (!shape) throw err;
      call.fault = shape.code;
      call.status = shape.status;
      this.error(res, service, shape, requestId);
    }
  }

  private faultFor(operation: string): FaultKind | undefined {
    const i = this.scripted.findIndex((s) => s.operation === operation || s.operation === "*");
    if (i >= 0) return this.scripted.splice(i, 1)[0]!.kind;
    if (this.rate <= 0) return undefined;
    const n = this.seen.get(operation) ?? 0;
    this.seen.set(operation, n + 1);
    const random = mulberry32(hash(`${this.seed}/${operation}/${n}`));
    if (random() >= this.rate) return undefined;
    return this.rateKinds[Math.floor(random() * this.rateKinds.length)]!;
  }

  private error(res: ServerResponse, service: Service, s: FaultShape, requestId: string): void {
    if (service === "ssm") {
      res.writeHead(s.status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId });
      res.end(JSON.stringify({ __type: s.code, message: s.message }));
      return;
    }
    if (service === "cloudwatch") {
      res.writeHead(s.status, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": requestId,
        "x-amzn-query-error": `${s.code};${s.type}`,
      });
      res.end(JSON.stringify({ __type: `com.amazon.coral.service#${s.code}Exception`, message: s.message }));
      return;
    }
    res.writeHead(s.status, { "content-type": "text/xml" });
    if (service === "ec2") {
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${s.code}</Code><Message>${xml(s.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      );
      return;
    }
    res.end(
      `<ErrorResponse xmlns="${namespaceOf(service)}"><Error><Type>${s.type}</Type><Code>${s.code}</Code><Message>${xml(s.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }

  private succeed(res: ServerResponse, service: Service, operation: string, params: Params, requestId: string): void {
    if (service === "ssm") {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId });
      res.end(JSON.stringify(this.ssm(operation, (params as unknown as { json: Record<string, string> }).json)));
      return;
    }
    if (service === "cloudwatch") {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId });
      res.end(JSON.stringify(this.getMetricData((params as unknown as { json: MetricDataRequest }).json)));
      return;
    }
    const result = this.resultXml(operation, params);
    res.writeHead(200, { "content-type": "text/xml" });
    if (service === "ec2") {
      res.end(
        `<${operation}Response xmlns="${namespaceOf(service)}"><requestId>${requestId}</requestId>${result}</${operation}Response>`,
      );
      return;
    }
    res.end(
      `<${operation}Response xmlns="${namespaceOf(service)}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
    );
  }

  private resultXml(operation: string, p: Params): string {
    switch (operation) {
      case "DescribeAutoScalingGroups": {
        const names = p.all("AutoScalingGroupNames.member.");
        const groups = [...this.groups.values()].filter((g) => names.length === 0 || names.includes(g.name));
        return `<AutoScalingGroups>${groups.map(groupXml).join("")}</AutoScalingGroups>`;
      }
      case "SetDesiredCapacity": {
        const g = this.groups.get(p.get("AutoScalingGroupName") ?? "");
        const desired = Number(p.get("DesiredCapacity"));
        if (!g) throw refusal(400, "ValidationError", "AutoScalingGroup name not found");
        if (desired > g.max)
          throw refusal(
            400,
            "ValidationError",
            `New SetDesiredCapacity value ${desired} is above max value ${g.max} for the AutoScalingGroup.`,
          );
        if (desired < g.min)
          throw refusal(
            400,
            "ValidationError",
            `New SetDesiredCapacity value ${desired} is below min value ${g.min} for the AutoScalingGroup.`,
          );
        g.desired = desired;
        if (g.followDesired) {
          while (g.instances.length < desired) g.instances.push(this.instance(g.name, g.instances.length));
          g.instances.length = desired;
        }
        return "";
      }
      case "CompleteLifecycleAction":
      case "RecordLifecycleActionHeartbeat": {
        const g = this.groups.get(p.get("AutoScalingGroupName") ?? "");
        const i = g?.instances.find((x) => x.id === p.get("InstanceId") && x.lifecycleState.endsWith(":Wait"));
        if (!i && !p.get("LifecycleActionToken"))
          throw refusal(
            400,
            "ValidationError",
            `No active Lifecycle Action found with instance ID ${p.get("InstanceId")}`,
          );
        if (i && operation === "CompleteLifecycleAction")
          i.lifecycleState = p.get("LifecycleActionResult") === "CONTINUE" ? "InService" : "Terminating";
        return "";
      }
      case "DescribeLifecycleHooks":
        return "<LifecycleHooks/>";
      case "DescribeScalingActivities":
        return "<Activities/>";
      case "RegisterTargets":
      case "DeregisterTargets": {
        const arn = p.get("TargetGroupArn") ?? "";
        const tg = this.targets.get(arn) ?? new Map<string, string>();
        this.targets.set(arn, tg);
        for (const id of p.all("Targets.member.").filter((v) => v.startsWith("i-")))
          tg.set(id, operation === "RegisterTargets" ? "healthy" : "draining");
        return "";
      }
      case "DescribeTargetHealth": {
        const tg = this.targets.get(p.get("TargetGroupArn") ?? "") ?? new Map<string, string>();
        const ids = p.all("Targets.member.").filter((v) => v.startsWith("i-"));
        const list = ids.length > 0 ? ids : [...tg.keys()];
        return `<TargetHealthDescriptions>${list
          .map(
            (id) =>
              `<member><Target><Id>${id}</Id><Port>80</Port></Target><TargetHealth><State>${tg.get(id) ?? "unused"}</State>${tg.has(id) ? "" : "<Reason>Target.NotRegistered</Reason>"}</TargetHealth></member>`,
          )
          .join("")}</TargetHealthDescriptions>`;
      }
      case "DescribeInstances": {
        const ids = p.all("InstanceId.");
        const all = [...this.groups.values()].flatMap((g) => g.instances.map((i) => ({ g, i })));
        const found = all.filter(({ i }) => ids.includes(i.id));
        if (ids.length > 0 && found.length === 0)
          throw refusal(400, "InvalidInstanceID.NotFound", `The instance ID '${ids[0]}' does not exist`);
        return `<reservationSet><item><reservationId>r-0123456789abcdef0</reservationId><instancesSet>${found
          .map(
            ({ g, i }) =>
              `<item><instanceId>${i.id}</instanceId><instanceState><code>16</code><name>${i.ec2State}</name></instanceState><privateIpAddress>${i.ip}</privateIpAddress><instanceType>c6i.large</instanceType><launchTime>2026-01-15T11:50:00.000Z</launchTime><tagSet><item><key>aws:autoscaling:groupName</key><value>${xml(g.name)}</value></item></tagSet></item>`,
          )
          .join("")}</instancesSet></item></reservationSet>`;
      }
      // STS as LocalStack and moto answer it: the caller's identity, with no signature check of its own.
      case "GetCallerIdentity":
        return "<Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account>";
      default:
        throw refusal(400, "InvalidAction", `The action ${operation} is not valid for this web service.`);
    }
  }

  private ssm(operation: string, req: Record<string, string>): unknown {
    const name = req.Name ?? "";
    if (operation === "PutParameter") {
      this.parameters.set(name, req.Value ?? "");
      return { Version: 1, Tier: "Standard" };
    }
    if (operation === "GetParameter") {
      const value = this.parameters.get(name);
      if (value === undefined) throw refusal(400, "ParameterNotFound", `Parameter ${name} not found.`);
      return { Parameter: { Name: name, Type: "String", Value: value, Version: 1 } };
    }
    throw refusal(400, "InvalidAction", `The action ${operation} is not valid for this web service.`);
  }

  private getMetricData(req: MetricDataRequest): unknown {
    const end = Number(req.EndTime);
    const start = Number(req.StartTime);
    const results = (req.MetricDataQueries ?? []).map((q) => {
      const name = q.MetricStat?.Metric?.MetricName;
      const group = q.MetricStat?.Metric?.Dimensions?.find((d) => d.Name === "AutoScalingGroupName")?.Value;
      const g = group === undefined ? undefined : this.groups.get(group);
      if (name !== "CPUUtilization" || !g) return { Id: q.Id, Timestamps: [], Values: [], StatusCode: "Complete" };
      const inService = g.instances.filter((i) => i.lifecycleState === "InService").length;
      // The nodes in service are the ones reporting: Average spreads the load over them, SampleCount counts them.
      const value = q.MetricStat?.Stat === "SampleCount" ? inService : inService > 0 ? this.cpuLoad / inService : 0;
      const timestamps: number[] = [];
      // One datapoint a minute, the newest two minutes old (CloudWatch's publication delay).
      for (let t = Math.floor((end - 120) / 60) * 60; t >= start && timestamps.length < 10; t -= 60)
        timestamps.unshift(t);
      return { Id: q.Id, Timestamps: timestamps, Values: timestamps.map(() => value), StatusCode: "Complete" };
    });
    return { MetricDataResults: results, Messages: [] };
  }
}

interface MetricDataRequest {
  StartTime?: number;
  EndTime?: number;
  MetricDataQueries?: {
    Id: string;
    MetricStat?: { Metric?: { MetricName?: string; Dimensions?: { Name: string; Value: string }[] }; Stat?: string };
  }[];
}

function refusal(status: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { shape: { status, type: "Sender", code, message } satisfies FaultShape });
}

function namespaceOf(service: Service): string {
  switch (service) {
    case "autoscaling":
      return "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    case "elbv2":
      return "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    case "ec2":
      return "http://ec2.amazonaws.com/doc/2016-11-15/";
    case "cloudwatch":
      return "http://monitoring.amazonaws.com/doc/2010-08-01/";
    case "ssm":
      return "";
  }
}

function groupXml(g: StubGroup): string {
  const instances = g.instances
    .map(
      (i) =>
        `<member><InstanceId>${i.id}</InstanceId><InstanceType>c6i.large</InstanceType><AvailabilityZone>eu-west-1a</AvailabilityZone><LifecycleState>${i.lifecycleState}</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>`,
    )
    .join("");
  return `<member><AutoScalingGroupName>${xml(g.name)}</AutoScalingGroupName><MinSize>${g.min}</MinSize><MaxSize>${g.max}</MaxSize><DesiredCapacity>${g.desired}</DesiredCapacity><DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>eu-west-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType><CreatedTime>2026-01-01T00:00:00.000Z</CreatedTime><Instances>${instances}</Instances><Tags/><TargetGroupARNs/></member>`;
}

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export async function startAwsStub(): Promise<AwsStub> {
  return new AwsStub().start();
}
