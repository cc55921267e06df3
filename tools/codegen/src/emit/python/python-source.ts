import type { PyType } from "../../model.js";
import { formatPythonType } from "../../model-python.js";

/** A docstring body at an indent: backslashes and triple quotes escaped, long text wrapped at 99. */
export function docstring(text: string, indent: string): string {
  const safe = text.replaceAll("\\", "\\\\").replaceAll('"""', '\\"\\"\\"');
  // 100 columns, the opening quotes included
  let lines = safe.split("\n").flatMap((line) => wrap(line, 97 - indent.length));
  if (lines.length === 1) {
    if (indent.length + lines[0]!.length + 6 <= 100) return `${indent}"""${lines[0]}"""`;
    // one line that fits only without its closing quotes: black would join the quotes to it and
    // pass 100 columns, so it becomes two lines, each leaving room for quotes
    lines = wrap(lines[0]!, 94 - indent.length);
  }
  return [
    `${indent}"""${lines[0]}`,
    ...lines.slice(1).map((line) => (line === "" ? "" : `${indent}${line}`)),
    `${indent}"""`,
  ].join("\n");
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  return [...out, current];
}

/**
 * A tuple display of Python expressions: `(a, b)`, `(a,)` for one. No trailing comma after two or
 * more, which black would read as a request to put each on its own line.
 */
export function pythonTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

/** A Python literal for a JSON value (None, True, dicts with str keys...). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`)
    .join(", ")}}`;
}

/** The annotation as source: classes of the module are forward references only where needed. */
export function annotation(type: PyType): string {
  return formatPythonType(type);
}
