import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Observation } from "../../../shared/domain/observation.ts";
import { observationJsonSchemaText, observationSchema } from "../../../shared/domain/observation-schema.ts";
import { observation, series } from "./builders.ts";

const committed = new URL("../../../docs/observation.schema.json", import.meta.url);

describe("observation schema", () => {
  it("matches the committed docs/observation.schema.json", () => {
    const fresh = observationJsonSchemaText();
    const onDisk = readFileSync(committed, "utf8");
    expect(
      onDisk === fresh,
      "docs/observation.schema.json is stale: run `npx tsx scripts/gen-observation-schema.ts` and commit it",
    ).toBe(true);
  });

  it("accepts what the engine's tests build", () => {
    const o = observation({ signals: [series("cpu", [60, 70]), series("bandwidth", [], { target: 60 })] });
    expect(observationSchema.parse(o)).toEqual(o);
  });

  it.each([
    {
      name: "points out of order",
      edit: (o: Observation) => o.signals[0]!.points.reverse(),
      path: "signals.0.points",
      message: "points must be ascending by t",
    },
    {
      name: "a negative desired size",
      edit: (o: Observation) => {
        o.group.desired = -1;
      },
      path: "group.desired",
    },
    {
      name: "an unknown field (a typo)",
      edit: (o: Observation) => {
        Object.assign(o, { recentRecomendations: [] });
      },
      path: "",
    },
    {
      name: "a non-positive target",
      edit: (o: Observation) => {
        o.signals[0]!.target = 0;
      },
      path: "signals.0.target",
    },
  ])("rejects $name with its path", ({ edit, path, message }) => {
    const o = observation({ signals: [series("cpu", [60, 70])] });
    edit(o);
    const r = observationSchema.safeParse(o);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path.join(".")).toBe(path);
    if (message) expect(issue.message).toBe(message);
  });
});
