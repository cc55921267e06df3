import { describe, expect, it } from "vitest";
import { JsonSyntaxError, parseJson } from "./parse-json.js";

describe("parseJson", () => {
  it("parses what JSON.parse parses, to the same value", () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {"c": {}}, "d": []}';
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it("locates every value by JSON pointer, and falls back to the nearest ancestor", () => {
    const parsed = parseJson('{\n  "a": {\n    "b~/c": [10, 20]\n  }\n}');
    expect(parsed.locate("/a")).toEqual({ line: 2, column: 8 });
    expect(parsed.locate("/a/b~0~1c/1")).toEqual({ line: 3, column: 18 });
    expect(parsed.locate("/a/missing/deeper")).toEqual({ line: 2, column: 8 });
  });

  it("rejects a duplicate key, which JSON.parse would silently drop", () => {
    const error = catchError(() => parseJson('{"a": 1,\n "a": 2}'));
    expect(error).toMatchObject({ pointer: "/a", line: 2, column: 2 });
    expect(error.expected).toContain('"a" appears twice');
  });

  it("keeps a __proto__ key as data rather than a prototype", () => {
    const value = parseJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['{"a": [1, 2,]}', "/a/2", "a JSON value"],
    ['{"a": 1 "b": 2}', "/a", "',' or '}' after a property value"],
    ['{"a": tru}', "/a", "a JSON value"],
    ['{"a": "\u0001"}', "/a", "a string with valid escapes"],
    ["[1] 2", "", "the end of the file"],
    ['{"a": {"b": 1}', "/a", "',' or '}' after a property value"],
    ['{"a": 1, }', "", "a property name"],
  ])("names where %j went wrong", (text, pointer, expected) => {
    const error = catchError(() => parseJson(text));
    expect(error.pointer).toBe(pointer);
    expect(error.expected).toContain(expected);
  });
});

function catchError(run: () => unknown): JsonSyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error("expected a JsonSyntaxError");
}
