import { describe, expect, it } from "vitest";
import { parseJson } from "../load/parse-json.js";
import type { SpecIssue } from "../spec-error.js";
import { checkGoStruct, goJsonTypes } from "./go-struct.js";

// A kind's Go struct against its schema: names, types and required members agree, or the spec
// says why not; a reason where they agree is stale.
const schema = {
  type: "object",
  required: ["name", "when"],
  properties: {
    name: { type: "string" },
    when: { type: "integer" },
    tags: { type: "object", additionalProperties: { type: "string" } },
  },
};

function check(goStruct: Record<string, unknown>) {
  const text = JSON.stringify({ "x-event": { goStruct } }, null, 2);
  const parsed = parseJson(text);
  const file = { path: "spec/events/k.schema.json", value: parsed.value, locate: parsed.locate };
  const issues: SpecIssue[] = [];
  const result = checkGoStruct(file, goStruct, schema, undefined, issues);
  return { result, issues: issues.map((issue) => `${issue.pointer}: ${issue.expected}`) };
}

const base = { file: "events/k.go", commit: "0".repeat(40), state: "live" };

describe("checkGoStruct", () => {
  it("counts the fields that agree in name and JSON type", () => {
    const { result, issues } = check({ ...base, fields: { name: "*string", when: "*int", tags: "map[string]string" } });
    expect(issues).toEqual([]);
    expect(result).toMatchObject({ agreeing: 3, differences: [] });
  });

  it("wants a reason where the types differ, and keeps it for the docs", () => {
    expect(check({ ...base, fields: { name: "*string", when: "time.Time" } }).issues).toEqual([
      "/x-event/goStruct/fields/when: the spec's types there (integer), or a reason in differs",
    ]);
    const { result, issues } = check({
      ...base,
      fields: { name: "*string", when: "time.Time" },
      differs: { when: "every sample holds milliseconds" },
    });
    expect(issues).toEqual([]);
    expect(result.differences).toEqual([
      { path: "when", go: "time.Time", spec: "integer", why: "every sample holds milliseconds" },
    ]);
  });

  it("refuses a field the schema does not have, a required member the struct lacks, and a stale reason", () => {
    const { issues } = check({
      ...base,
      fields: { name: "*string", colour: "*string" },
      differs: { name: "no longer true" },
    });
    expect(issues).toEqual([
      "/x-event/goStruct/differs/name: a reason only where Go and the spec differ",
      "/x-event/goStruct/fields/colour: a field the kind's schema has, or a reason in differs",
      "/x-event/goStruct/fields: a field for when, which the spec requires, or a reason in differs",
    ]);
  });

  it("reads Go types as encoding/json decodes them", () => {
    expect(goJsonTypes("*time.Time")).toEqual(["string"]);
    expect(goJsonTypes("[]*OssEventRecord")).toEqual(["array"]);
    expect(goJsonTypes("*map[string]interface{}")).toEqual(["object"]);
    expect(goJsonTypes("interface{}")).toContain("null");
    expect(goJsonTypes("float64")).toEqual(["integer", "number"]);
  });
});
