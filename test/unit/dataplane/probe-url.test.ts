import { describe, expect, it } from "vitest";
import { ProbeTargetError } from "../../../shared/dataplane/errors.ts";
import { resolveProbeTarget } from "../../../shared/dataplane/probe-target.ts";
import { buildProbeUrl } from "../../../shared/dataplane/probe-url.ts";

const address = { instanceId: "i-0123456789abcdef0", privateIp: "10.0.1.23" };

describe("buildProbeUrl", () => {
  it("fills the private IP and the instance id", () => {
    expect(buildProbeUrl("http://{privateIp}:7085/status/ready?node={instanceId}", address)).toBe(
      "http://10.0.1.23:7085/status/ready?node=i-0123456789abcdef0",
    );
  });

  it("brackets an IPv6 address in the host", () => {
    expect(buildProbeUrl("http://{privateIp}:7085/status/ready", { ...address, privateIp: "fd00::1" })).toBe(
      "http://[fd00::1]:7085/status/ready",
    );
  });

  it.each([
    ["a host that is not the placeholder", "http://evil.example/{privateIp}", address],
    ["user info before the placeholder", "http://user@{privateIp}:7085/", address],
    ["a private IP that is a host name", "http://{privateIp}:7085/", { ...address, privateIp: "evil.example" }],
    ["a private IP smuggling a path", "http://{privateIp}:7085/", { ...address, privateIp: "10.0.0.1/x" }],
    ["an instance id that is not one", "http://{privateIp}:7085/{instanceId}", { ...address, instanceId: "../admin" }],
  ])("refuses %s", (_name, template, addr) => {
    expect(() => buildProbeUrl(template, addr)).toThrow(ProbeTargetError);
  });
});

describe("resolveProbeTarget", () => {
  const base = {
    instanceId: "i-0123456789abcdef0",
    state: "running",
    instanceType: "c6i.large",
    privateIp: "10.0.1.23",
  };

  it("gives the EC2 private address of an instance of the managed group", () => {
    expect(resolveProbeTarget({ ...base, groupName: "dp-asg" }, "dp-asg")).toEqual({ ok: true, address });
  });

  it("refuses, for good, an instance of another group", () => {
    expect(resolveProbeTarget({ ...base, groupName: "other" }, "dp-asg")).toMatchObject({ ok: false, final: true });
  });

  it("waits for the group tag and the private address", () => {
    expect(resolveProbeTarget(base, "dp-asg")).toMatchObject({ ok: false, final: false });
    expect(resolveProbeTarget({ ...base, groupName: "dp-asg", privateIp: undefined }, "dp-asg")).toMatchObject({
      ok: false,
      final: false,
    });
  });
});
