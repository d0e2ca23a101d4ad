/**
 * Reads CloudFormation YAML with its short-form tags (`!Ref`, `!Sub`, `!GetAtt`, …) into the JSON form CloudFormation
 * itself works on (`{ "Ref": … }`, `{ "Fn::Sub": … }`), so that templates can be checked like the packaged JSON one.
 */
import { DEFAULT_SCHEMA, type Kind, load, Type } from "js-yaml";

/** Short tag → the intrinsic function it stands for. `!Ref` and `!Condition` are not `Fn::` functions. */
const INTRINSICS: Record<string, string> = {
  Ref: "Ref",
  Condition: "Condition",
  Sub: "Fn::Sub",
  GetAtt: "Fn::GetAtt",
  Join: "Fn::Join",
  Split: "Fn::Split",
  Select: "Fn::Select",
  If: "Fn::If",
  Not: "Fn::Not",
  Equals: "Fn::Equals",
  And: "Fn::And",
  Or: "Fn::Or",
  FindInMap: "Fn::FindInMap",
  Base64: "Fn::Base64",
  GetAZs: "Fn::GetAZs",
  ImportValue: "Fn::ImportValue",
  Cidr: "Fn::Cidr",
  Length: "Fn::Length",
  ToJsonString: "Fn::ToJsonString",
  Transform: "Fn::Transform",
};

const KINDS: Kind[] = ["scalar", "sequence", "mapping"];

function intrinsicType(tag: string, fn: string, kind: Kind): Type {
  return new Type(`!${tag}`, {
    kind,
    // `!GetAtt Resource.Attribute` is the scalar form of `["Resource", "Attribute"]`.
    construct: (data) =>
      fn === "Fn::GetAtt" && typeof data === "string" ? { [fn]: splitGetAtt(data) } : { [fn]: data ?? "" },
  });
}

function splitGetAtt(value: string): [string, string] {
  const dot = value.indexOf(".");
  return dot < 0 ? [value, ""] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** js-yaml's default schema plus every CloudFormation short tag, in each YAML kind it may take. */
export const CLOUDFORMATION_SCHEMA = DEFAULT_SCHEMA.extend(
  Object.entries(INTRINSICS).flatMap(([tag, fn]) => KINDS.map((kind) => intrinsicType(tag, fn, kind))),
);

/** Parses a CloudFormation YAML template (or fragment); throws on YAML errors and unknown tags. */
export function parseCloudFormationYaml(text: string, filename?: string): unknown {
  return load(text, { schema: CLOUDFORMATION_SCHEMA, filename });
}
