// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholders, not JS templates.
/** The test tooling for templates: the YAML reader, the reference checker and the intrinsic evaluator. */
import { describe, expect, it } from "vitest";
import { parseCloudFormationYaml } from "../../test-kit/cloudformation-yaml.ts";
import { evaluate } from "./evaluate-intrinsics.ts";
import { findUnresolvedReferences, subPlaceholders, type Template } from "./template-references.ts";

describe("parseCloudFormationYaml", () => {
  it("reads every short tag form into CloudFormation's JSON form", () => {
    const parsed = parseCloudFormationYaml(`
a: !Ref Thing
b: !GetAtt Thing.Arn
c: !GetAtt [Thing, Arn]
d: !Sub "x-\${Thing}"
e: !Sub ["\${A}", { A: !Ref Thing }]
f: !If [Cond, !Split [",", !Ref P], !Ref AWS::NoValue]
g: !Not [!Equals [!Ref P, ""]]
h: !Join ["", [a, !Select [0, !GetAZs ""]]]
i: !Base64 { "Fn::Sub": "y" }
`);
    expect(parsed).toEqual({
      a: { Ref: "Thing" },
      b: { "Fn::GetAtt": ["Thing", "Arn"] },
      c: { "Fn::GetAtt": ["Thing", "Arn"] },
      d: { "Fn::Sub": "x-${Thing}" },
      e: { "Fn::Sub": ["${A}", { A: { Ref: "Thing" } }] },
      f: { "Fn::If": ["Cond", { "Fn::Split": [",", { Ref: "P" }] }, { Ref: "AWS::NoValue" }] },
      g: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "P" }, ""] }] },
      h: { "Fn::Join": ["", ["a", { "Fn::Select": [0, { "Fn::GetAZs": "" }] }]] },
      i: { "Fn::Base64": { "Fn::Sub": "y" } },
    });
  });

  it("rejects a tag CloudFormation does not know", () => {
    expect(() => parseCloudFormationYaml("a: !Reference Thing")).toThrow(/unknown tag/);
  });
});

describe("findUnresolvedReferences", () => {
  const base = (resources: Template["Resources"]): Template => ({
    Parameters: { Name: { Type: "String" } },
    Conditions: { HasName: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "Name" }, ""] }] } },
    Resources: resources,
  });

  it("accepts parameters, resources, pseudo parameters, Sub variables and escapes", () => {
    const template = base({
      Queue: { Type: "AWS::SQS::Queue" },
      Topic: {
        Type: "AWS::SNS::Topic",
        Condition: "HasName",
        Properties: {
          A: { Ref: "Name" },
          B: { "Fn::GetAtt": ["Queue", "Arn"] },
          C: { "Fn::Sub": "${Name}-${AWS::Region}-${Queue.Arn}-${!Literal}" },
          D: { "Fn::Sub": ["${Local}", { Local: { Ref: "Queue" } }] },
          E: { "Fn::If": ["HasName", { Ref: "AWS::NoValue" }, "x"] },
        },
      },
    });
    expect(findUnresolvedReferences(template)).toEqual([]);
  });

  it("reports each reference to nothing", () => {
    const template = base({
      Topic: {
        Type: "AWS::SNS::Topic",
        Condition: "Missing",
        Properties: {
          A: { Ref: "Nope" },
          B: { "Fn::GetAtt": ["Gone", "Arn"] },
          C: { "Fn::Sub": "${Absent}" },
          D: { "Fn::If": ["NoSuchCondition", "a", "b"] },
        },
      },
    });
    expect(findUnresolvedReferences(template)).toEqual([
      "Resources.Topic.Condition: unknown condition Missing",
      "Resources.Topic.Properties.A: unknown reference Nope",
      "Resources.Topic.Properties.B: GetAtt of unknown resource Gone",
      "Resources.Topic.Properties.C.Fn::Sub: unknown reference Absent",
      "Resources.Topic.Properties.D: If on unknown condition NoSuchCondition",
    ]);
  });

  it("tells escapes from placeholders", () => {
    expect(subPlaceholders("${A} ${!B} ${C.D}")).toEqual(["A", "C.D"]);
  });
});

describe("evaluate", () => {
  const template: Template = {
    Parameters: { List: { Type: "String", Default: "a,b" }, Mode: { Type: "String", Default: "x" } },
    Conditions: { IsY: { "Fn::Equals": [{ Ref: "Mode" }, "y"] } },
    Resources: { Group: { Type: "AWS::AutoScaling::AutoScalingGroup" } },
  };

  it("renders Sub, Join, Split, If and Refs the way CloudFormation would", () => {
    const node = {
      "Fn::Sub": [
        "${AWS::Region}:${Items}:${Choice}:${Group}:${!Kept}",
        {
          Items: { "Fn::Join": ["|", { "Fn::Split": [",", { Ref: "List" }] }] },
          Choice: { "Fn::If": ["IsY", "yes", "no"] },
        },
      ],
    };
    expect(evaluate(node, { template, parameters: {} })).toBe("eu-west-1:a|b:no:resource-Group:${Kept}");
    expect(evaluate(node, { template, parameters: { Mode: "y" }, resources: { Group: "dp-prod" } })).toBe(
      "eu-west-1:a|b:yes:dp-prod:${Kept}",
    );
  });

  it("refuses a parameter with neither a value nor a default", () => {
    const strict: Template = { ...template, Parameters: { Required: { Type: "String" } } };
    expect(() => evaluate({ Ref: "Required" }, { template: strict, parameters: {} })).toThrow(
      /no value and no default/,
    );
  });
});
