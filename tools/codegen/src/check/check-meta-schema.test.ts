import { describe, expect, it } from "vitest";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import { parseJson } from "../load/parse-json.js";
import { SpecError, type SpecIssue } from "../spec-error.js";
import { checkMetaSchema } from "./check-meta-schema.js";

// How each ajv keyword a meta-schema can fail on becomes an issue: a small meta-schema per row,
// one spec file that breaks it, and the one issue expected, exactly (pointer, line, column, found).

function file(path: string, text: string): SpecFile {
  const parsed = parseJson(text);
  return { path, value: parsed.value, locate: parsed.locate };
}

function tree(metaSchema: object, ...texts: string[]): SpecTree {
  return {
    dir: "spec",
    metaSchema: file("spec/meta.schema.json", JSON.stringify(metaSchema)),
    sources: file("spec/sources.json", "{}"),
    files: texts.map((text, index) => file(`spec/f${index}.schema.json`, text)),
  };
}

function issuesOf(checked: SpecTree): readonly SpecIssue[] {
  try {
    checkMetaSchema(checked);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).issues;
  }
  return [];
}

const S = "https://json-schema.org/draft/2020-12/schema";
const at = (pointer: string, line: number, column: number, expected: string, found?: string): SpecIssue => ({
  file: "spec/f0.schema.json",
  pointer,
  line,
  column,
  expected,
  ...(found === undefined ? {} : { found }),
});

describe("checkMetaSchema", () => {
  it.each<[string, object, string, SpecIssue[]]>([
    ["required", { $schema: S, required: ["a"] }, "{}", [at("", 1, 1, 'the property "a"')]],
    [
      "additionalProperties, naming the allowed properties",
      { $schema: S, properties: { a: {}, b: {} }, additionalProperties: false },
      '{"a": 1, "c": 2}',
      [at("/c", 1, 15, 'no property "c" here (allowed: a, b)')],
    ],
    [
      "additionalProperties where no property is listed",
      { $schema: S, additionalProperties: false },
      '{"c": 2}',
      [at("/c", 1, 7, 'no property "c" here (see spec/README.md for the keywords allowed here)')],
    ],
    [
      "unevaluatedProperties",
      { $schema: S, properties: { a: {} }, unevaluatedProperties: false },
      '{"z": 1}',
      [at("/z", 1, 7, 'no property "z" here (allowed: a)')],
    ],
    [
      "enum, listing the values",
      { $schema: S, properties: { a: { enum: ["x", 2] } } },
      '{"a": "y"}',
      [at("/a", 1, 7, 'one of "x", 2', '"y"')],
    ],
    [
      "enum, in the words of its description",
      { $schema: S, properties: { a: { enum: ["x"], description: "A known kind." } } },
      '{"a": "y"}',
      [at("/a", 1, 7, "a known kind", '"y"')],
    ],
    [
      "const",
      { $schema: S, properties: { a: { const: false } } },
      '{"a": true}',
      [at("/a", 1, 7, "the value false", "true")],
    ],
    [
      "type",
      { $schema: S, properties: { a: { type: "string" } } },
      '{"a": [1]}',
      [at("/a", 1, 7, "a value of JSON type string", "[1]")],
    ],
    [
      "pattern",
      { $schema: S, properties: { a: { pattern: "^x" } } },
      '{"a": "y"}',
      [at("/a", 1, 7, "a string matching ^x", '"y"')],
    ],
    [
      "pattern, in the words of its description",
      { $schema: S, properties: { a: { pattern: "^x", description: "Starts with x." } } },
      '{"a": "y"}',
      [at("/a", 1, 7, "starts with x", '"y"')],
    ],
    [
      "not, in the words of its description",
      { $schema: S, properties: { a: { not: { const: 1 }, description: "Anything but one" } } },
      '{"a": 1}',
      [at("/a", 1, 7, "anything but one", "1")],
    ],
    [
      "format",
      { $schema: S, properties: { a: { format: "uri" } } },
      '{"a": "not a uri"}',
      [at("/a", 1, 7, "a valid uri", '"not a uri"')],
    ],
    [
      "anyOf, and not its branches",
      { $schema: S, properties: { a: { anyOf: [{ type: "string" }, { type: "number" }] } } },
      '{"a": null}',
      [at("/a", 1, 7, "a value matching one of the allowed forms", "null")],
    ],
    [
      "uniqueItems",
      { $schema: S, properties: { a: { uniqueItems: true } } },
      '{"a": [1, 1]}',
      [at("/a", 1, 7, "no duplicate items", "[1,1]")],
    ],
    [
      "a property name, in the words of its description",
      { $schema: S, propertyNames: { pattern: "^[a-z]+$", description: "Lower case letters." } },
      '{"ok": 1, "Not": 2}',
      [at("/Not", 1, 18, "a property name that is lower case letters", '"Not"')],
    ],
    [
      "a property name without a description",
      { $schema: S, propertyNames: { maxLength: 2 } },
      '{"long": 1}',
      [at("/long", 1, 10, "a property name that is valid (must NOT have more than 2 characters)", '"long"')],
    ],
    [
      "any other keyword, by name and ajv's words",
      { $schema: S, properties: { a: { maximum: 3 } } },
      '{"a": 4}',
      [at("/a", 1, 7, 'a value that satisfies "maximum" (must be <= 3)', "4")],
    ],
    [
      "the then of an if, and not the if itself",
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema's if/then, not a thenable
      { $schema: S, if: { required: ["a"] }, then: { required: ["b"] } },
      '{"a": 1}',
      [at("", 1, 1, 'the property "b"')],
    ],
  ])("turns %s into one issue", (_name, meta, text, expected) => {
    expect(issuesOf(tree(meta, text))).toEqual(expected);
  });

  it("reports each fault once, and every file's faults together", () => {
    const meta = { $schema: S, properties: { a: { type: "string" } }, required: ["a"] };
    const issues = issuesOf(tree(meta, "{}", '{"a": 1}', '{"a": "fine"}'));
    expect(issues.map((issue) => [issue.file, issue.pointer, issue.expected])).toEqual([
      ["spec/f0.schema.json", "", 'the property "a"'],
      ["spec/f1.schema.json", "/a", "a value of JSON type string"],
    ]);
  });

  it("refuses an unfinished draft before the meta-schema speaks", () => {
    const meta = { $schema: S, required: ["a"] };
    expect(issuesOf(tree(meta, '{"b": "DRAFT: say what b is."}'))).toEqual([
      at("/b", 1, 7, "this draft gap filled in (say what b is.)"),
    ]);
  });

  it("passes a spec that keeps every rule", () => {
    expect(issuesOf(tree({ $schema: S, required: ["a"] }, '{"a": 1}'))).toEqual([]);
  });
});
