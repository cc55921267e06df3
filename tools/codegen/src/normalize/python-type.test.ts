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
