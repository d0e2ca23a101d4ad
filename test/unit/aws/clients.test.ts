import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeTargetGroupAttributesCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  autoScalingClient,
  createAutoScalingClient,
  elbv2Client,
  resetAwsClients,
} from "../../../shared/aws/clients.ts";

/** A stand-in AWS endpoint on 127.0.0.1 that records which service each request was for. */
interface Seen {
  path: string;
  body: string;
  host: string | undefined;
}
let server: Server;
let url: string;
const seen: Seen[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ path: req.url ?? "", body, host: req.headers.host });
    res.setHeader("content-type", "text/xml");
    if (body.includes("Action=DescribeAutoScalingGroups")) {
      res.end(
        `<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>`,
      );
    } else {
      res.end(
        `<DescribeTargetGroupAttributesResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeTargetGroupAttributesResult><Attributes/></DescribeTargetGroupAttributesResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeTargetGroupAttributesResponse>`,
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const ENV_KEYS = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_AUTO_SCALING",
  "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  "AWS_PROFILE",
  "AWS_RETRY_MODE",
  "AWS_MAX_ATTEMPTS",
];
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_REGION = "eu-west-1";
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "secret-for-tests";
  seen.length = 0;
  resetAwsClients();
});
afterEach(() => {
  resetAwsClients();
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/** Client config values are either a value or a provider of one. */
async function resolve<T>(v: T | (() => Promise<T>)): Promise<T> {
  return typeof v === "function" ? (v as () => Promise<T>)() : v;
}

describe("AWS clients", () => {
  it("sends a service's calls to AWS_ENDPOINT_URL_<SERVICE> when it is set", async () => {
    process.env.AWS_ENDPOINT_URL_AUTO_SCALING = url;
    await autoScalingClient().send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["dp"] }));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toContain("AutoScalingGroupNames.member.1=dp");
  });

  it("sends every service's calls to AWS_ENDPOINT_URL when no service-specific variable is set", async () => {
    process.env.AWS_ENDPOINT_URL = url;
    await elbv2Client().send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: "arn:tg" }));
    expect(seen[0]?.body).toContain("Action=DescribeTargetGroupAttributes");
  });

  it("takes the region from AWS_REGION", async () => {
    expect(await autoScalingClient().config.region()).toBe("eu-west-1");
  });

  it("retries in standard mode with 3 attempts by default", async () => {
    const client = createAutoScalingClient();
    expect(await resolve(client.config.retryMode)).toBe("standard");
    expect(await client.config.maxAttempts()).toBe(3);
  });

  it("lets AWS_RETRY_MODE and AWS_MAX_ATTEMPTS override the retry policy", async () => {
    process.env.AWS_RETRY_MODE = "adaptive";
    process.env.AWS_MAX_ATTEMPTS = "5";
    const client = createAutoScalingClient();
    expect(await resolve(client.config.retryMode)).toBe("adaptive");
    expect(await client.config.maxAttempts()).toBe(5);
  });

  it("creates each client once and reuses it until reset", () => {
    const first = autoScalingClient();
    expect(autoScalingClient()).toBe(first);
    resetAwsClients();
    expect(autoScalingClient()).not.toBe(first);
  });
});
