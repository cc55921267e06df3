import { describe, expect, it } from "vitest";
import type { Model } from "../model.js";
import type { SpecIssue } from "../spec-error.js";
import { realSpecVersion } from "../testing/spec-fixture.js";
import { patchedModel, refusal, type SpecPatch } from "../testing/spec-patch.js";
import { headersOf } from "./runtime-headers.js";

// What normalize checks across a runtime's files, and the order and shape it gives runtimes and
// their classes: rows that need more than one expected message (spec-rules.test.ts holds those).

const P312 = "python3.12.schema.json";
const FIELDS = "shared/fields.schema.json";

const refused = (...patch: SpecPatch[]) => refusal(() => patchedModel(patch));

const brief = (issues: readonly SpecIssue[]) =>
  issues.map(({ file, pointer, expected, found }) => ({ file, pointer, expected, found }));

describe("a runtime's Python types", () => {
  const attribute = (type: string): SpecPatch => ({
    op: "add",
    file: P312,
    path: "/$defs/FCContext/x-python-attributes/extra",
    value: { "x-python-type": type, description: "An extra.", "x-null-when": "Never set.", "x-source": ["RT"] },
  });

  it("name only classes of that runtime, at any depth of the type", async () => {
    const issues = await refused(attribute("Union[Credentials, List[Tracing], Dict[str, ServiceMeta], FunctionMeta]"));
    const naming = issues.filter((issue) => issue.expected.startsWith("a Python type naming"));
    expect(brief(naming)).toEqual(
      ["Credentials", "Tracing", "ServiceMeta"].map((name) => ({
        file: "spec/python3.12.schema.json",
        pointer: "/$defs/FCContext/x-python-attributes/extra",
        expected: "a Python type naming classes of runtime python3.12 only",
        found: name,
      })),
    );
  });

  it("refuse a name that is no class, listing the classes of every file", async () => {
    const issues = await refused({ op: "add", file: FIELDS, path: "/$defs/region/x-python-type", value: "Region" });
    expect(new Set(issues.map((issue) => issue.expected))).toEqual(
      new Set([
        "a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], " +
          "Dict[...], List[...] or a class of this runtime: FCContext, FunctionMeta, Credentials, ServiceMeta, " +
          'Tracing), not "Region"',
      ]),
    );
  });
});

describe("a runtime's root", () => {
  it("is a $ref that resolves", async () => {
    const issues = await refused({ op: "replace", file: P312, path: "/$ref", value: "#/$defs/Nothing" });
    expect(brief(issues)).toEqual([
      {
        file: "spec/python3.12.schema.json",
        pointer: "/$ref",
        expected:
          "a $ref to an existing file under spec/ and a JSON pointer in it " +
          "(spec/python3.12.schema.json has nothing at #/$defs/Nothing)",
        found: '"#/$defs/Nothing"',
      },
    ]);
  });

  it("is a $ref to a class", async () => {
    for (const ref of ["shared/fields.schema.json#/$defs/region", "#/x-spec-version"]) {
      const issues = await refused({ op: "replace", file: P312, path: "/$ref", value: ref });
      expect(brief(issues)).toEqual([
        {
          file: "spec/python3.12.schema.json",
          pointer: "/$ref",
          expected: "a $ref to the runtime's context class (a schema with x-python-class)",
          found: JSON.stringify(ref),
        },
      ]);
    }
  });
});

describe("the spec version", () => {
  it("is the same in every file, and a file that differs shows its own", async () => {
    const issues = await refused({ op: "replace", file: FIELDS, path: "/x-spec-version", value: "9.9.9" });
    expect(brief(issues).find((issue) => issue.pointer === "/x-spec-version")).toEqual({
      file: "spec/shared/fields.schema.json",
      pointer: "/x-spec-version",
      expected: `the spec version shared by every file (${realSpecVersion}, as in spec/python3.10.schema.json)`,
      found: '"9.9.9"',
    });
  });
});

describe("the model's runtimes and classes", () => {
  const ids = (model: Model) => model.runtimes.map((runtime) => runtime.id);

  it("are ordered by Python version, then by id", async () => {
    // the rule, applied to whatever runtimes the spec has: 3.10 after 3.9 (numbers, not text)
    const byRule = (model: Model) =>
      [...model.runtimes]
        .sort((a, b) => {
          const [x, y] = [a.pythonVersion, b.pythonVersion].map((v) => v.split(".").map(Number));
          return x![0]! - y![0]! || x![1]! - y![1]! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        })
        .map((runtime) => runtime.id);
    const real = await patchedModel([]);
    expect(ids(real)).toEqual(byRule(real));
    expect(ids(real).indexOf("python3.10")).toBeGreaterThan(ids(real).indexOf("python3.9"));
    const same = await patchedModel([
      { op: "replace", file: P312, path: "/x-runtime/pythonVersion", value: "3.9" },
      { op: "replace", file: "python3.10.schema.json", path: "/x-runtime/pythonVersion", value: "3.9" },
    ]);
    expect(ids(same)).toEqual(byRule(same));
    // names these runtimes on purpose: the patch gives them one Python version, so the ids order them
    expect(ids(same).slice(1, 4)).toEqual(["python3.10", "python3.12", "python3.9"]);
  });

  it("hold each class once, however many attributes reach it", async () => {
    const model = await patchedModel([
      {
        op: "add",
        file: P312,
        path: "/$defs/FCContext/properties/service_function",
        value: { $ref: "#/$defs/FunctionMeta", description: "The function again.", "x-source": ["DOC3"] },
      },
      { op: "add", file: P312, path: "/$defs/FCContext/required/-", value: "service_function" },
      {
        op: "add",
        file: P312,
        path: "/$defs/FCContext/x-constructor/-",
        value: { name: "service_function", fills: "service_function" },
      },
    ]);
    const runtime = model.runtimes.find((candidate) => candidate.id === "python3.12")!;
    expect(runtime.classes.map((cls) => cls.name)).toEqual(["FCContext", "FunctionMeta"]);
    const fields = runtime.classes[0]!.fields.filter((field) => field.json?.classRef === "FunctionMeta");
    expect(fields.map((field) => field.name)).toEqual(["function", "service_function"]);
  });
});

describe("the headers of a runtime", () => {
  it("map each header to the first Class.attribute that reads it", async () => {
    const model = await patchedModel([]);
    const classic = headersOf(model.runtimes.find((runtime) => runtime.id === "python3")!);
    expect(classic.get("x-fc-request-id")).toBe("FCContext.request_id");
    expect(classic.get("x-fc-function-memory")).toBe("FunctionMeta.memory");
    expect([...classic.keys()].every((header) => header.startsWith("x-fc-"))).toBe(true);
    const twice = headersOf({
      classes: [
        { ...model.runtimes[0]!.classes[0]!, name: "A" },
        { ...model.runtimes[0]!.classes[0]!, name: "B" },
      ],
    });
    const read = model.runtimes[0]!.classes[0]!.fields.filter((field) => field.header !== undefined);
    expect([...twice.values()]).toEqual(read.map((field) => `A.${field.name}`));
  });
});
