import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { wrapPythonLines } from "./wrap-lines.js";

const generated = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../packages/python/src/fc_context",
);

describe("wrapPythonLines", () => {
  it("splits a long call at its widest bracket, one argument a line with a trailing comma", () => {
    const line =
      `    made = cls(data["account_id"], data["request_id"], ` +
      `Credentials._from_attributes(data["credentials"]), None)`;
    expect(wrapPythonLines(line, 60).split("\n")).toEqual([
      "    made = cls(",
      '        data["account_id"],',
      '        data["request_id"],',
      '        Credentials._from_attributes(data["credentials"]),',
      "        None,",
      "    )",
    ]);
  });

  it("keeps a comprehension whole, with no trailing comma, and a lambda's parameters together", () => {
    expect(wrapPythonLines(`x = "\\n".join(f(a, b) for a, b in pairs_of_a_long_name_here)`, 50).split("\n")).toEqual([
      'x = "\\n".join(',
      "    f(a, b) for a, b in pairs_of_a_long_name_here",
      ")",
    ]);
    expect(wrapPythonLines("y = sorted(items, key=lambda a, b: a + b)", 20).split("\n")).toEqual([
      "y = sorted(",
      "    items,",
      "    key=lambda a, b: a + b,",
      ")",
    ]);
  });

  it("leaves docstrings, comments and short lines alone, and keeps a type comment on the first line", () => {
    const doc = `    """${"word ".repeat(30)}"""`;
    expect(wrapPythonLines(doc, 40)).toBe(doc);
    expect(wrapPythonLines(`    # ${"note ".repeat(30)}`, 40)).toBe(`    # ${"note ".repeat(30)}`);
    expect(wrapPythonLines("return f(a_long_argument, another_one)  # type: ignore[arg-type]", 30).split("\n")[0]).toBe(
      "return f(  # type: ignore[arg-type]",
    );
  });

  it("never splits a subscript, which a trailing comma would turn into a tuple key", () => {
    const line = 'raise Error(name, "missing: " + what + OUTCOMES[required["absent"]], required["absent"])';
    expect(wrapPythonLines(line, 60).split("\n")).toEqual([
      "raise Error(",
      "    name,",
      '    "missing: " + what + OUTCOMES[required["absent"]],',
      '    required["absent"],',
      ")",
    ]);
    expect(wrapPythonLines("x = table[some_long_key_name + another_long_key_name]", 20)).toBe(
      "x = table[some_long_key_name + another_long_key_name]",
    );
  });

  it("no **kwargs gets a trailing comma (Python 3.6)", () => {
    expect(wrapPythonLines("def fake_context(runtime: str, **overrides: Any) -> Any:", 30).split("\n").at(-2)).toBe(
      "    **overrides: Any",
    );
  });

  it("leaves every generated Python file within 100 columns", () => {
    for (const file of readdirSync(generated).filter((name) => name.endsWith(".py"))) {
      const long = readFileSync(path.join(generated, file), "utf8")
        .split("\n")
        .filter((line) => line.length > 100);
      expect(long, file).toEqual([]);
    }
  });
});
