import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { buildModel } from "../generate.js";
import { SpecError } from "../spec-error.js";
import { repoRoot } from "../testing/spec-fixture.js";
import { patchedSpecRoot, type SpecPatch } from "../testing/spec-patch.js";

// Every rule normalize states about a spec, each by name with its own fixture: a small patch on
// the real spec (spec/) that breaks that rule alone. The generator must refuse the patched spec
// with an issue at the patch's pointer, saying in exactly these words what the rule expects. A
// rule whose check is deleted fails its row.

interface Rule {
  readonly name: string;
  readonly patch: readonly SpecPatch[];
  readonly file: string;
  readonly pointer: string;
  readonly expected: string;
}

const FIELDS = "shared/fields.schema.json";
const CLASSIC = "shared/classic.schema.json";
const P312 = "python3.12.schema.json";
const F = (name: string) => `/$defs/${name}`;
const C = (cls: string, ...rest: string[]) => ["/$defs", cls, ...rest].join("/");

const RULES: readonly Rule[] = [
  // fields (normalize-field.ts)
  {
    name: "a field has a description (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/description` }],
    file: FIELDS,
    pointer: F("region"),
    expected: 'the property "description"',
  },
  {
    name: "a field has its sources (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/x-source` }],
    file: FIELDS,
    pointer: F("region"),
    expected: 'the property "x-source"',
  },
  {
    name: "a class-valued field has no type of its own",
    patch: [{ op: "add", file: CLASSIC, path: C("FCContext", "properties", "credentials", "type"), value: "object" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "credentials", "type"),
    expected: 'no "type" beside a $ref to the class Credentials',
  },
  {
    name: "a field has a JSON type (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: CLASSIC, path: C("FCContext", "properties", "retry_count", "type") }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "retry_count"),
    expected: 'the property "type"',
  },
  {
    name: "a field's type is more than null",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FCContext", "properties", "retry_count", "type"), value: ["null"] },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "retry_count", "type"),
    expected: 'a type besides "null" for attribute retry_count',
  },
  {
    name: "a Python-only attribute has a Python type (the meta-schema's rule, first)",
    patch: [{ op: "remove", file: FIELDS, path: `${F("logger")}/x-python-type` }],
    file: FIELDS,
    pointer: F("logger"),
    expected: 'the property "x-python-type"',
  },
  {
    name: "a nullable field says when it is None",
    patch: [{ op: "remove", file: FIELDS, path: `${F("qualifier")}/x-null-when` }],
    file: CLASSIC,
    pointer: C("ServiceMeta", "properties", "qualifier"),
    expected: 'an "x-null-when" saying when qualifier is None',
  },
  {
    name: "a field that is never None says nothing of when it is",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-null-when`, value: "Never." }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-null-when"),
    expected: 'no "x-null-when" on region, which is never None',
  },
  {
    name: "x-secret only on a string attribute",
    patch: [{ op: "add", file: FIELDS, path: `${F("function_memory")}/x-secret`, value: true }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "x-secret"),
    expected: '"x-secret" only on a string attribute',
  },
  {
    name: "x-from-header only on an integer attribute with a header",
    patch: [
      {
        op: "add",
        file: FIELDS,
        path: `${F("region")}/x-from-header`,
        value: { default: { convert: "int" }, concurrent: { convert: "int" } },
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-from-header"),
    expected: '"x-from-header" only on an integer attribute with an "x-header"',
  },
  {
    name: "x-unit only on a numeric attribute",
    patch: [{ op: "add", file: FIELDS, path: `${F("region")}/x-unit`, value: "MB" }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region", "x-unit"),
    expected: '"x-unit" only on a numeric attribute',
  },
  {
    name: "a field has examples",
    patch: [{ op: "remove", file: FIELDS, path: `${F("region")}/examples` }],
    file: CLASSIC,
    pointer: C("FCContext", "properties", "region"),
    expected: "\"examples\" for attribute region: its first example is the fakes' default and the docs' sample",
  },
  {
    name: "an example fits its field",
    patch: [{ op: "replace", file: FIELDS, path: `${F("function_memory")}/examples`, value: ["lots"] }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "memory", "examples", "0"),
    expected: "an example of the field's JSON type",
  },
  // classes (check-class.ts)
  {
    name: "every property is required",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FunctionMeta", "required"), value: ["name", "handler", "memory"] },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "required"),
    expected:
      'every attribute of FunctionMeta listed in "required" (a Python attribute always exists), including "timeout"',
  },
  {
    name: "required names only properties",
    patch: [{ op: "add", file: CLASSIC, path: `${C("FunctionMeta", "required")}/-`, value: "memory_size" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "required", "4"),
    expected: "the name of a property of FunctionMeta",
  },
  {
    name: "a Python-only attribute is not also a property",
    patch: [
      {
        op: "add",
        file: CLASSIC,
        path: C("FCContext", "x-python-attributes", "region"),
        value: { "x-python-type": "str", description: "Twice.", "x-source": ["RT"] },
      },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "x-python-attributes", "region"),
    expected: "a Python-only attribute name that is not also a property of FCContext",
  },
  {
    name: "a constructor names each parameter once",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "name"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "name"),
    expected: "each constructor parameter name once",
  },
  {
    name: "a parameter fills an attribute of its class",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "fills"), value: "runtime" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "fills"),
    expected: "the name of an attribute of FunctionMeta (one of name, handler, memory, timeout)",
  },
  {
    name: "an attribute is filled by one parameter",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "1", "fills"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "1", "fills"),
    expected: 'each attribute filled by one parameter ("name" is filled by parameter 0 too)',
  },
  {
    name: "a parameter's via names a method",
    patch: [{ op: "replace", file: CLASSIC, path: C("Tracing", "x-constructor", "1", "via"), value: "decode" }],
    file: CLASSIC,
    pointer: C("Tracing", "x-constructor", "1", "via"),
    expected: "the name of a method of Tracing (one of parseOpenTracingBaggages, to_dict)",
  },
  {
    name: "no parameter without a default follows one with a default",
    patch: [{ op: "add", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "2", "default"), value: 128 }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor", "3"),
    expected: 'a default for "timeout": it follows a parameter with a default, as Python requires',
  },
  {
    name: "every attribute is filled by a parameter",
    patch: [{ op: "remove", file: CLASSIC, path: C("FunctionMeta", "x-constructor", "3") }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-constructor"),
    expected: 'a constructor parameter that fills "timeout" (every attribute is set by the constructor)',
  },
  {
    name: "a method's name is not an attribute's",
    patch: [{ op: "replace", file: CLASSIC, path: C("FunctionMeta", "x-methods", "0", "name"), value: "name" }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "x-methods", "0", "name"),
    expected: "a method name not already used by an attribute of FunctionMeta",
  },
  {
    name: "an alias's name is not taken",
    patch: [{ op: "replace", file: CLASSIC, path: C("FCContext", "x-aliases", "0", "name"), value: "region" }],
    file: CLASSIC,
    pointer: C("FCContext", "x-aliases", "0", "name"),
    expected: "an alias name not already used by an attribute of FCContext",
  },
  {
    name: "an alias names an attribute",
    patch: [{ op: "replace", file: CLASSIC, path: C("FCContext", "x-aliases", "0", "of"), value: "requestID" }],
    file: CLASSIC,
    pointer: C("FCContext", "x-aliases", "0", "of"),
    expected:
      "the name of an attribute of FCContext (one of request_id, credentials, function, service, region, account_id, retry_count, tracing, logger)",
  },
  {
    name: "a class with to_dict() or to_json() keys every attribute",
    patch: [{ op: "remove", file: CLASSIC, path: C("FunctionMeta", "properties", "name", "x-to-json") }],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "name"),
    expected: 'an "x-to-json" key: FunctionMeta has to_dict()/to_json(), which write every attribute',
  },
  {
    name: "a class without to_dict() or to_json() has no keys",
    patch: [{ op: "add", file: P312, path: `${C("FunctionMeta", "properties", "name")}/x-to-json`, value: "name" }],
    file: P312,
    pointer: C("FunctionMeta", "properties", "name", "x-to-json"),
    expected: 'no "x-to-json": FunctionMeta has no to_dict() or to_json() method',
  },
  {
    name: "a Python-only attribute has no to_json key (the meta-schema's rule, first)",
    patch: [
      { op: "add", file: CLASSIC, path: C("FCContext", "x-python-attributes", "logger", "x-to-json"), value: "logger" },
    ],
    file: CLASSIC,
    pointer: C("FCContext", "x-python-attributes", "logger", "x-to-json"),
    expected:
      'no property "x-to-json" here (allowed: $ref, x-python-type, description, x-null-when, x-source, x-vendor-doc)',
  },
  {
    name: "a to_json key is used once per class",
    patch: [
      { op: "replace", file: CLASSIC, path: C("FunctionMeta", "properties", "handler", "x-to-json"), value: "name" },
    ],
    file: CLASSIC,
    pointer: C("FunctionMeta", "properties", "handler", "x-to-json"),
    expected: "a to_json key used once per class (also used by name)",
  },
  // sources (normalize-sources.ts)
  {
    name: "a cited source is registered",
    patch: [{ op: "replace", file: FIELDS, path: `${F("region")}/x-source`, value: ["RT", "NOPE"] }],
    file: FIELDS,
    pointer: `${F("region")}/x-source/1`,
    expected:
      "a key of the Sources table in spec/sources.json (one of RUN, RT, DOC3, DOC3N, DOC2, LOG, TRACE, HDR, VER, EMU)",
  },
];

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function patched(patches: readonly SpecPatch[]): Promise<string> {
  const root = await patchedSpecRoot(patches);
  scratch.push(root);
  return root;
}

describe("the spec's rules, each refused by name", () => {
  it("start from a spec that keeps them all", async () => {
    await expect(buildModel(repoRoot, "spec")).resolves.toBeDefined();
  });

  it.each(RULES.map((rule) => [rule.name, rule]))("%s", async (_name, rule) => {
    const root = await patched(rule.patch);
    const error = await buildModel(root, "spec").then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SpecError);
    const issues = (error as SpecError).issues;
    const at = issues.filter((issue) => issue.file === `spec/${rule.file}` && issue.pointer === rule.pointer);
    expect(
      at.map((issue) => issue.expected),
      JSON.stringify(issues, null, 1),
    ).toContain(rule.expected);
  });
});
