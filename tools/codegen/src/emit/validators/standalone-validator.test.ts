import { describe, expect, it } from "vitest";
import type { Runtime } from "../../model.js";
import { loadRealSpec } from "../../testing/load-real-model.js";
import { needsCodePoints, standaloneValidator, UCS2LENGTH_SOURCE } from "./standalone-validator.js";

const { model } = await loadRealSpec();
const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 2 },
    kind: { type: ["string", "null"] },
  },
  required: ["name", "kind"],
  additionalProperties: false,
};

function load(expression: string): ((value: unknown) => boolean) & { errors?: Array<Record<string, unknown>> } {
  return new Function(`${UCS2LENGTH_SOURCE}\nreturn ${expression};`)();
}

describe("standaloneValidator", () => {
  it("needs no code point counting for the real spec (only minLength 1)", () => {
    for (const runtime of model.runtimes) expect(needsCodePoints(runtime), runtime.id).toBe(false);
    const withLimit = structuredClone(model.runtimes[0]!) as Runtime;
    (withLimit.classes[0]!.fields[0]!.json!.constraints as { maxLength?: number }).maxLength = 64;
    expect(needsCodePoints(withLimit)).toBe(true);
  });

  it("counts code points through an inlined helper when asked, with no require()", () => {
    const expression = standaloneValidator(schema, { fast: true, countCodePoints: true });
    expect(expression).not.toMatch(/require\(/);
    const validate = load(expression);
    expect(validate({ name: "\u{1F680}\u{1F680}", kind: null })).toBe(true);
    expect(validate({ name: "abc", kind: null })).toBe(false);
  });

  it("counts UTF-16 units otherwise, which is exact for minLength 1", () => {
    const validate = load(standaloneValidator(schema, { fast: true, countCodePoints: false }));
    expect(validate({ name: "\u{1F680}", kind: null })).toBe(true);
    expect(validate({ name: "", kind: null })).toBe(false);
  });

  it("builds no error objects in the fast validator and no schemaPath or schema copy in either", () => {
    const fast = standaloneValidator(schema, { fast: true, countCodePoints: false });
    const full = standaloneValidator(schema, { fast: false, countCodePoints: false });
    expect(fast).not.toMatch(/\.errors\b/);
    for (const code of [fast, full]) {
      expect(code).not.toMatch(/schemaPath|minLength:1,maxLength/);
    }
    const validate = load(full);
    expect(validate({ name: "", kind: 3, extra: 1 })).toBe(false);
    expect(validate.errors!.map((error) => [error.instancePath, error.keyword, error.params])).toEqual([
      ["", "additionalProperties", { additionalProperty: "extra" }],
      ["/name", "minLength", { limit: 1 }],
      ["/kind", "type", { type: ["string", "null"] }],
    ]);
  });
});
