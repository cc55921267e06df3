import { describe, expect, it } from "vitest";
import { codeOnly, importLines, usedNames } from "./python-imports.js";

describe("importLines: what a generated module's code uses, and nothing else", () => {
  const sources = {
    modules: ["base64", "json"],
    from: [
      { module: "typing", names: ["TYPE_CHECKING", "Any", "Dict", "List", "overload"] },
      { module: "._runtime", names: ["_check", "_UNREADABLE", "Issue", "_Invocation"] },
    ],
  };

  it.each([
    {
      name: "a module used by attribute, names by their own word, not inside a docstring or a comment",
      given: 'def f(x: Dict[str, Any]) -> str:\n    """List the json."""\n    return json.dumps(x)  # a List\n',
      want: ["import json", "from typing import Any, Dict"],
    },
    {
      name: "isort's order: constants, classes, then the rest, by lower-cased name",
      given: "_check(Issue, _UNREADABLE, _Invocation)\nif TYPE_CHECKING: pass\n@overload\ndef g() -> Any: ...\n",
      want: [
        "from typing import TYPE_CHECKING, Any, overload",
        "from ._runtime import _UNREADABLE, Issue, _check, _Invocation",
      ],
    },
    {
      name: "a name that is part of another, or an attribute of something else, is not used",
      given: "x.json_copy = MyDict\ny = obj.Any\n",
      want: [],
    },
  ])("$name", ({ given, want }) => {
    expect(importLines(given, sources)).toEqual(want);
  });

  it("breaks a from-import over lines past 100 columns", () => {
    const names = Array.from({ length: 12 }, (_, i) => `_helper_number_${i}`);
    const lines = importLines(names.join("\n"), { modules: [], from: [{ module: "._runtime", names }] });
    expect(lines).toHaveLength(1);
    const sorted = [...names].sort(); // isort compares text: _helper_number_10 before _helper_number_2
    expect(lines[0]!.split("\n")).toEqual(["from ._runtime import (", ...sorted.map((n) => `    ${n},`), ")"]);
  });

  it("reads code only: docstrings and comments say nothing about what is used", () => {
    expect(codeOnly('"""Any docstring."""\nx = 1  # Dict\n')).toBe('""\nx = 1  \n');
    expect(usedNames('"""Optional"""\nOptional_thing = 1\n', ["Optional"])).toEqual([]);
  });
});
