import { describe, expect, it } from "vitest";
import type { Field, Model } from "../model.js";
import { formatPythonType } from "../model-python.js";
import { patchedModel, patchedSpecTree, refusal, type SpecPatch } from "../testing/spec-patch.js";
import { normalize } from "./normalize.js";

// What normalize makes of a field, keyword by keyword: each row patches one field of the real
// spec (region, in python3.12 and the classic classes alike) and reads the model's field back.
const FIELDS = "shared/fields.schema.json";
const REGION = "/$defs/region";

async function regionAfter(...patch: SpecPatch[]): Promise<Field> {
  const model: Model = await patchedModel(patch);
  const context = model.runtimes.find((runtime) => runtime.id === "python3.12")!.classes[0]!;
  return context.fields.find((field) => field.name === "region")!;
}

const set = (key: string, value: unknown): SpecPatch => ({ op: "add", file: FIELDS, path: `${REGION}/${key}`, value });
const drop = (key: string): SpecPatch => ({ op: "remove", file: FIELDS, path: `${REGION}/${key}` });

describe("a field's JSON type, read into its Python type", () => {
  it.each<[unknown, unknown[], string, boolean]>([
    ["integer", [5], "int", false],
    ["number", [1.5], "float", false],
    ["boolean", [true], "bool", false],
    ["array", [[1]], "List[Any]", false],
    [["string", "integer"], ["a", 1], "Union[str, int]", false],
    [["string", "null"], ["a", null], "Optional[str]", true],
    [["integer", "boolean", "null"], [1, null], "Optional[Union[int, bool]]", true],
    [["object", "array", "string", "number", "boolean", "null"], [{}, [], "a", 1, true, null], "Any", true],
    [
      ["object", "array", "string", "number", "boolean"],
      [{}],
      "Union[Dict[str, Any], List[Any], str, float, bool]",
      false,
    ],
  ])("%j is %s", async (type, examples, python, nullable) => {
    const patches = [set("type", type), set("examples", examples), drop("minLength")];
    if (nullable) patches.push(set("x-null-when", "Sometimes."));
    if (Array.isArray(type) && type.includes("object")) patches.push(set("additionalProperties", true));
    const field = await regionAfter(...patches);
    expect(formatPythonType(field.python)).toBe(python);
    expect(field.nullable).toBe(nullable);
    expect(field.json!.kinds).toEqual((Array.isArray(type) ? type : [type]).filter((kind) => kind !== "null"));
  });

  it("an object is a Dict of str to Any", async () => {
    const field = await regionAfter(set("type", "object"), set("additionalProperties", true), set("examples", [{}]));
    expect(formatPythonType(field.python)).toBe("Dict[str, Any]");
  });
});

describe("a field's other keywords, into the model", () => {
  it("carries every constraint, the unit, the header and the secret flag", async () => {
    const field = await regionAfter(
      set("type", "integer"),
      drop("minLength"),
      set("minimum", 1),
      set("maximum", 9),
      set("examples", [3]),
      set("x-unit", "seconds"),
    );
    expect(field.json!.constraints).toEqual({ minimum: 1, maximum: 9 });
    expect(field.unit).toBe("seconds");
    expect(field.header).toBe("x-fc-region");
    expect(field.secret).toBe(false);
    const text = await regionAfter(set("maxLength", 20), set("pattern", "^[a-z-]+$"), set("x-secret", true));
    expect(text.json!.constraints).toEqual({ minLength: 1, maxLength: 20, pattern: "^[a-z-]+$" });
    expect(text.secret).toBe(true);
  });

  it("reads x-from-header per path, with only the keys it states", async () => {
    const field = await regionAfter(
      set("type", "integer"),
      drop("minLength"),
      set("examples", [1]),
      set("x-from-header", {
        default: { convert: "c-long", absent: "arbitrary" },
        concurrent: { convert: "int", invalid: "error" },
      }),
    );
    expect(field.fromHeader).toEqual({
      default: { convert: "c-long", absent: "arbitrary" },
      concurrent: { convert: "int", invalid: "error" },
    });
  });

  it("keeps the description, the examples, the sources, when it is None and no vendor claims by default", async () => {
    const field = await regionAfter(set("type", ["string", "null"]), set("x-null-when", "On Tuesdays."));
    expect(field).toMatchObject({ nullWhen: "On Tuesdays.", examples: ["cn-shanghai"], vendorDoc: [] });
    expect(field.sources.length).toBeGreaterThan(0);
    expect(field.location).toEqual({
      file: "spec/python3.12.schema.json",
      pointer: "/$defs/FCContext/properties/region",
    });
  });

  it("holds no key for a keyword the spec leaves out, not even one set to undefined", async () => {
    const field = await regionAfter();
    expect(Object.keys(field).sort()).toEqual([
      "description",
      "examples",
      "header",
      "json",
      "location",
      "name",
      "nullable",
      "python",
      "secret",
      "sources",
      "vendorDoc",
    ]);
    const conversions = (await patchedModel([])).runtimes.flatMap((runtime) =>
      runtime.classes.flatMap((cls) => cls.fields.flatMap((each) => Object.values(each.fromHeader ?? {}))),
    );
    expect(conversions.length).toBeGreaterThan(0);
    for (const conversion of conversions) {
      for (const [key, value] of Object.entries(conversion)) expect(value, key).not.toBeUndefined();
    }
  });
});

// normalize reads a tree the meta-schema passed, and still refuses on its own what it cannot
// build a field from: these rows skip the meta-schema to reach those guards
describe("a field normalize cannot build, without the meta-schema's word first", () => {
  const P312 = "python3.12.schema.json";
  const CONTEXT = "/$defs/FCContext";

  async function refusedByNormalize(...patch: SpecPatch[]): Promise<string[]> {
    const issues = await refusal(async () => normalize(await patchedSpecTree(patch)));
    return issues.map((issue) => `${issue.file}#${issue.pointer}: ${issue.expected}`);
  }

  it("needs a description and sources beside a $ref to a class", async () => {
    const at = `${CONTEXT}/properties/function`;
    const issues = await refusedByNormalize(
      { op: "remove", file: P312, path: `${at}/description` },
      { op: "remove", file: P312, path: `${at}/x-source` },
    );
    // the field is left out of the model, so its constructor parameter fills nothing: only these two are its own
    expect(issues.filter((issue) => issue.includes(`#${at}:`))).toEqual([
      `spec/python3.12.schema.json#${at}: a "description" for attribute function beside its $ref to a class`,
      `spec/python3.12.schema.json#${at}: an "x-source" for attribute function beside its $ref to a class`,
    ]);
  });

  it("needs a description on a plain attribute, and a JSON type", async () => {
    const issues = await refusedByNormalize(
      { op: "remove", file: FIELDS, path: `${REGION}/description` },
      { op: "remove", file: FIELDS, path: "/$defs/account_id/type" },
    );
    const mine = issues.filter((issue) => issue.startsWith(`spec/python3.12.schema.json#${CONTEXT}/properties/`));
    expect(mine).toEqual([
      `spec/python3.12.schema.json#${CONTEXT}/properties/account_id: a JSON "type" for attribute account_id`,
      `spec/python3.12.schema.json#${CONTEXT}/properties/region: a "description" for attribute region`,
    ]);
  });

  it("needs a Python type on a Python-only attribute", async () => {
    const issues = await refusedByNormalize({ op: "remove", file: FIELDS, path: "/$defs/logger/x-python-type" });
    expect(issues).toContain(
      `spec/python3.12.schema.json#${CONTEXT}/x-python-attributes/logger: ` +
        'an "x-python-type" for the Python-only attribute logger',
    );
  });

  it("takes x-unit and x-from-header only where the field's JSON type has a number", async () => {
    const issues = await refusedByNormalize(
      { op: "add", file: FIELDS, path: "/$defs/logger/x-unit", value: "MB" },
      {
        op: "add",
        file: FIELDS,
        path: "/$defs/logger/x-from-header",
        value: { default: { convert: "int" }, concurrent: { convert: "int" } },
      },
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        `spec/python3.12.schema.json#${CONTEXT}/x-python-attributes/logger/x-unit: ` +
          '"x-unit" only on a numeric attribute',
        `spec/python3.12.schema.json#${CONTEXT}/x-python-attributes/logger/x-from-header: ` +
          '"x-from-header" only on an integer attribute with an "x-header"',
      ]),
    );
  });
});
