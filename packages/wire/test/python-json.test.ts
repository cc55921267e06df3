import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findPython } from "../../python/tools/find-python.mjs";
import { InexactIntegerError, parsePythonJson, pythonJsonText } from "../gen/python-json.js";

// What json.dumps writes for the value json.loads reads from JSON.stringify's text of each value.
const ROWS: Array<[string, unknown, string]> = [
  ["an object, with Python's separators", { a: 1, b: [true, false, null] }, '{"a": 1, "b": [true, false, null]}'],
  ["empty containers", [{}, []], "[{}, []]"],
  ["non-ASCII as \\u escapes", { café: "中" }, '{"caf\\u00e9": "\\u4e2d"}'],
  ["an astral character as its surrogate pair", "😀", '"\\ud83d\\ude00"'],
  ["a lone surrogate", "\ud800x", '"\\ud800x"'],
  ["the short escapes", '"\\\n\r\t\b\f/', '"\\"\\\\\\n\\r\\t\\b\\f/"'],
  ["other control characters and DEL", "\u0000\u001f\u007f~", '"\\u0000\\u001f\\u007f~"'],
  [
    "integers in all their digits",
    [0, -0, 42, -7, 2 ** 53 + 2, 1e20],
    "[0, 0, 42, -7, 9007199254740994, 100000000000000000000]",
  ],
  ["an integer past 2**53 as JavaScript writes it", 2 ** 60, "1152921504606847000"],
  [
    "from 1e21, a float in exponent form",
    [1e21, -1.5e300, 1.7976931348623157e308],
    "[1e+21, -1.5e+300, 1.7976931348623157e+308]",
  ],
  [
    "fractions written plainly from 1e-4 to 1e16",
    [0.5, -1.25, 0.0001, 123.456, 1234567890123456.8],
    "[0.5, -1.25, 0.0001, 123.456, 1234567890123456.8]",
  ],
  [
    "smaller fractions with a two-digit exponent",
    [0.00001, 1.5e-7, 5e-324, -2.5e-100],
    "[1e-05, 1.5e-07, 5e-324, -2.5e-100]",
  ],
  ["the shortest digits that read back", [0.1, 0.1 + 0.2, 1 / 3], "[0.1, 0.30000000000000004, 0.3333333333333333]"],
  ["keys in their order", { b: 1, a: 2, "": 3 }, '{"b": 1, "a": 2, "": 3}'],
];

describe("pythonJsonText: the text json.dumps writes", () => {
  it.each(ROWS)("%s", (_name, value, text) => {
    expect(pythonJsonText(value)).toBe(text);
  });

  it.skipIf(findPython("3.12") === undefined)("is what CPython's json.dumps writes, row by row", () => {
    const script = "import json, sys\nprint(json.dumps([json.dumps(v) for v in json.loads(sys.stdin.read())]))";
    const stdin = JSON.stringify(ROWS.map(([, value]) => value));
    const python = JSON.parse(execFileSync(findPython("3.12")!, ["-c", script], { input: stdin, encoding: "utf8" }));
    expect(python).toEqual(ROWS.map(([, , text]) => text));
  });

  it("writes NaN and the infinities as Python does, which JSON.stringify cannot", () => {
    expect(pythonJsonText([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      "[NaN, Infinity, -Infinity]",
    );
  });

  it("reads a value as JSON.stringify does: toJSON, boxed values, what it leaves out", () => {
    const value = {
      date: new Date(Date.UTC(2026, 10, 24)),
      boxed: [new Number(1.5), new String("s"), new Boolean(false)],
      dropped: undefined,
      fn: () => 1,
      holes: [undefined, () => 1, Symbol("s")],
      [Symbol("key")]: 1,
    };
    expect(pythonJsonText(value)).toBe(
      '{"date": "2026-11-24T00:00:00.000Z", "boxed": [1.5, "s", false], "holes": [null, null, null]}',
    );
  });

  it("refuses what JSON cannot write, with a TypeError", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => pythonJsonText({ big: 1n })).toThrow(new TypeError("a BigInt cannot be written as JSON"));
    expect(() => pythonJsonText([cycle])).toThrow(new TypeError("a cycle cannot be written as JSON"));
    expect(() => pythonJsonText(undefined)).toThrow(new TypeError("undefined cannot be written as JSON"));
    // the same object twice is no cycle
    const shared = { k: 1 };
    expect(pythonJsonText([shared, shared])).toBe('[{"k": 1}, {"k": 1}]');
  });

  it("reads back, through the runtime's json.loads, as the value it wrote, or refuses an int it cannot hold", () => {
    const inexact = (value: unknown): boolean =>
      typeof value === "number"
        ? Number.isInteger(value) && Math.abs(value) < 1e21 && !Number.isSafeInteger(value)
        : value !== null && typeof value === "object" && Object.values(value).some(inexact);
    for (const [, value] of ROWS) {
      if (inexact(value)) expect(() => parsePythonJson(pythonJsonText(value))).toThrow(InexactIntegerError);
      else expect(parsePythonJson(pythonJsonText(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }
  });
});

describe("parsePythonJson: json.loads, exact or refused", () => {
  it("reads every int up to 2**53 - 1 in magnitude, floats as doubles, as Python does", () => {
    expect(parsePythonJson("[9007199254740991, -9007199254740991, 1e400, 1.5, -0]")).toEqual([
      2 ** 53 - 1,
      -(2 ** 53 - 1),
      Number.POSITIVE_INFINITY,
      1.5,
      0,
    ]);
  });

  it("refuses an int past 2**53 - 1 that Python holds exactly, rather than round it", () => {
    for (const text of ["9007199254740992", "-9007199254740993", '{"a": [12345678901234567890]}'])
      expect(() => parsePythonJson(text), text).toThrow(InexactIntegerError);
    // a float of the same magnitude is a double in Python too
    expect(parsePythonJson("9007199254740993.0")).toBe(2 ** 53);
  });

  it("refuses text that is not JSON as json.loads does, wherever a large int stands in it", () => {
    expect(() => parsePythonJson("[12345678901234567890, x]")).toThrow(SyntaxError);
    expect(() => parsePythonJson("[12345678901234567890, x]")).not.toThrow(InexactIntegerError);
  });
});
