import { describe, expect, it } from "vitest";
import { admitsNone, formatPythonLiteral, formatPythonType } from "../model-python.js";
import { parsePythonType } from "./python-type.js";

const classes = new Set(["Credentials"]);

describe("the Python type language", () => {
  it.each([
    "str",
    "Optional[logging.Logger]",
    "Dict[str, Any]",
    "Union[int, str]",
    "Optional[Union[int, str]]",
    "List[Credentials]",
  ])("parses and prints %s unchanged", (text) => {
    const parsed = parsePythonType(text, classes);
    expect(typeof parsed).toBe("object");
    expect(formatPythonType(parsed as Exclude<typeof parsed, string>)).toBe(text);
  });

  it.each([
    ["Optional[logging.Loggr]", "a known Python type"],
    ["Dict[str]", "Dict with 2 type arguments"],
    ["Union[int]", "Union with at least 2"],
    ["str]", "nothing after the type"],
    ["Optional[str", "',' or ']'"],
    ["Tracing", "a known Python type"],
  ])("rejects %s", (text, expected) => {
    expect(parsePythonType(text, classes)).toContain(expected);
  });

  it.each([
    ["", "a type name"],
    [
      "Optional[]",
      "a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], Dict[...], " +
        'List[...] or a class of this runtime: Credentials), not "]"',
    ],
    ["Optional[str, int]", "Optional with 1 type argument"],
    ["List[str, int]", "List with 1 type argument"],
    ["Dict[str, int, bool]", "Dict with 2 type arguments"],
    ["str[int]", "str with 0 type arguments"],
    ["logging.Logger[str]", "logging.Logger with 0 type arguments"],
    ["Optional[", "a type name"],
    ["Union[str]", "Union with at least 2 type arguments"],
    [
      "Credentials[str]",
      "a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], Dict[...], " +
        'List[...] or a class of this runtime: Credentials), not "Credentials"',
    ],
    ["Optional[str]]", 'nothing after the type, not "]"'],
    ["str int", 'nothing after the type, not "int"'],
    ["Optional[str;", "',' or ']' after a type argument of Optional"],
    ["Dict[str int]", "',' or ']' after a type argument of Dict"],
  ])("rejects %j in exactly these words", (text, expected) => {
    expect(parsePythonType(text, classes)).toBe(expected);
  });

  it.each([
    ["str", { kind: "builtin", name: "str" }],
    ["int", { kind: "builtin", name: "int" }],
    ["float", { kind: "builtin", name: "float" }],
    ["bool", { kind: "builtin", name: "bool" }],
    ["None", { kind: "builtin", name: "None" }],
    ["Any", { kind: "builtin", name: "Any" }],
    ["logging.Logger", { kind: "logger" }],
    ["Credentials", { kind: "class", name: "Credentials" }],
    ["List[int]", { kind: "list", of: { kind: "builtin", name: "int" } }],
    [
      "Dict[str, Credentials]",
      { kind: "dict", key: { kind: "builtin", name: "str" }, value: { kind: "class", name: "Credentials" } },
    ],
    [
      "Union[int, str, None]",
      {
        kind: "union",
        of: [
          { kind: "builtin", name: "int" },
          { kind: "builtin", name: "str" },
          { kind: "builtin", name: "None" },
        ],
      },
    ],
    [" Optional [ str ] ", { kind: "optional", of: { kind: "builtin", name: "str" } }],
  ])("reads %j as its model", (text, model) => {
    expect(parsePythonType(text, classes)).toEqual(model);
  });

  it("knows which types admit None", () => {
    const check = (text: string) =>
      admitsNone(parsePythonType(text, classes) as Exclude<ReturnType<typeof parsePythonType>, string>);
    expect(check("Optional[str]")).toBe(true);
    expect(check("Union[int, None]")).toBe(true);
    expect(check("Union[int, str]")).toBe(false);
    expect(check("logging.Logger")).toBe(false);
  });

  it("prints constructor defaults as Python source", () => {
    expect([0, null, true, false, "LATEST"].map(formatPythonLiteral)).toEqual([
      "0",
      "None",
      "True",
      "False",
      '"LATEST"',
    ]);
  });
});
