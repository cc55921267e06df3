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

describe("parseJson, exactly", () => {
  it.each([
    // text, pointer, line, column, expected, found
    ['{"a": [1, 2,]}', "/a/2", 1, 13, "a JSON value (object, array, string, number, true, false or null)", '"]}"'],
    ['{"a": 1 "b": 2}', "/a", 1, 9, "',' or '}' after a property value", '"\\"b\\": 2}"'],
    ["[1 2]", "/0", 1, 4, "',' or ']' after an array item", '"2]"'],
    ['{"a" 1}', "/a", 1, 6, "':' after the property name", '"1}"'],
    ["{1: 2}", "", 1, 2, "a property name in double quotes", '"1: 2}"'],
    ['"a\\x"', "", 1, 1, "a string with valid escapes and no raw control characters", '"\\"a\\\\x\\""'],
    ['"open', "", 1, 1, "a string with valid escapes and no raw control characters", '"\\"open"'],
    ["-", "", 1, 1, "a number", '"-"'],
    ["-x", "", 1, 1, "a number", '"-x"'],
    ["01", "", 1, 2, "the end of the file after the top-level value", '"1"'],
    ["1.", "", 1, 2, "the end of the file after the top-level value", '"."'],
    ["+1", "", 1, 1, "a JSON value (object, array, string, number, true, false or null)", '"+1"'],
    [".5", "", 1, 1, "a JSON value (object, array, string, number, true, false or null)", '".5"'],
    ["", "", 1, 1, "a JSON value (object, array, string, number, true, false or null)", "the end of the file"],
    [
      "[1,\n 2,\n",
      "/2",
      3,
      1,
      "a JSON value (object, array, string, number, true, false or null)",
      "the end of the file",
    ],
    ["\u00a0{}", "", 1, 1, "a JSON value (object, array, string, number, true, false or null)", '"\u00a0{}"'],
    ["{} \ufeff", "", 1, 4, "the end of the file after the top-level value", '"\ufeff"'],
    ["[nul]", "/0", 1, 2, "a JSON value (object, array, string, number, true, false or null)", '"nul]"'],
    [
      '{"abcdefghijklmnop": x}',
      "/abcdefghijklmnop",
      1,
      22,
      "a JSON value (object, array, string, number, true, false or null)",
      '"x}"',
    ],
    ['[0, "0123456789abcdefgh"', "/1", 1, 25, "',' or ']' after an array item", "the end of the file"],
    ["[0, 0123456789abcdefgh]", "/1", 1, 6, "',' or ']' after an array item", '"123456789abc"'],
  ])(
    "refuses %j at its pointer, line and column, saying what it expected and found",
    (text, pointer, line, column, expected, found) => {
      const error = catchError(() => parseJson(text));
      expect({ ...error, message: error.message }).toEqual({
        pointer,
        line,
        column,
        expected,
        found,
        message: `line ${line}, column ${column} (#${pointer}): expected ${expected}, found ${found}`,
      });
    },
  );

  it("names a duplicate key at its own line and column, with the rule", () => {
    const error = catchError(() => parseJson('{\n  "key": 1,\n    "key": 2\n}'));
    expect(error).toMatchObject({ pointer: "/key", line: 3, column: 5, found: '"\\"key\\": 2\\n}"' });
    expect(error.expected).toBe(
      'each property name once per object ("key" appears twice; JSON.parse would keep only the last)',
    );
  });

  it("takes JSON's four whitespace characters anywhere between tokens, and a byte order mark first", () => {
    const text = '\ufeff \t\r\n{ \t\r\n"a" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ } ] , "b" : [ ] } \t\r\n';
    expect(parseJson(text).value).toEqual({ a: [1, {}], b: [] });
  });

  it.each([
    ['"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00E9 \\u00e9"', '" \\ / \b \f \n \r \t \u00e9 \u00e9'],
    ["-0", -0],
    ["0", 0],
    ["10", 10],
    ["-12.5e-3", -0.0125],
    ["1E+2", 100],
    ["2e2", 200],
    ["[true, false, null]", [true, false, null]],
    ["{}", {}],
    ["[]", []],
    ['{"a": {}, "b": []}', { a: {}, b: [] }],
  ])("reads %j as JSON.parse does", (text, value) => {
    expect(parseJson(text).value).toEqual(value);
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it("holds each key as an ordinary own property: enumerable, writable, configurable", () => {
    const value = parseJson('{"a": 1, "constructor": 2}').value as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(value, "a")).toEqual({
      value: 1,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.keys(value)).toEqual(["a", "constructor"]);
  });

  it("locates values on every line, the root where it starts, and an unknown top level at 1:1", () => {
    const text = '\n\n  {"a": 1,\n"b": [\n\n   true,\n  {"c": null}],\n "d": "x"}';
    const parsed = parseJson(text);
    expect(parsed.locate("")).toEqual({ line: 3, column: 3 });
    expect(parsed.locate("/a")).toEqual({ line: 3, column: 9 });
    expect(parsed.locate("/b")).toEqual({ line: 4, column: 6 });
    expect(parsed.locate("/b/0")).toEqual({ line: 6, column: 4 });
    expect(parsed.locate("/b/1")).toEqual({ line: 7, column: 3 });
    expect(parsed.locate("/b/1/c")).toEqual({ line: 7, column: 9 });
    expect(parsed.locate("/d")).toEqual({ line: 8, column: 7 });
    expect(parsed.locate("/b/9/z")).toEqual({ line: 4, column: 6 });
    expect(parsed.locate("no-slash")).toEqual({ line: 1, column: 1 });
  });

  it("counts columns from a line's first character, lines by line feed only", () => {
    const parsed = parseJson('{"a":\r\n1,"b":\n\n2}');
    expect(parsed.locate("/a")).toEqual({ line: 2, column: 1 });
    expect(parsed.locate("/b")).toEqual({ line: 4, column: 1 });
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
