// JSON the way the spec files are written: two-space indents, and any array or object whose
// one-line form fits within the line width kept on one line, so a drafted file reads like the rest.
const WIDTH = 118;

export function formatSpecJson(value: unknown): string {
  return `${format(value, "", 0)}\n`;
}

function format(value: unknown, indent: string, used: number): string {
  const flat = oneLine(value);
  if (value === null || typeof value !== "object" || indent.length + used + flat.length <= WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${format(item, inner, 0)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, item]) => {
    const head = `${JSON.stringify(key)}: `;
    return `${inner}${head}${format(item, inner, head.length)}`;
  });
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

function oneLine(value: unknown): string {
  // an int past 2**53 - 1 that a report held, in all its digits: JSON has no limit, only JavaScript's numbers
  if (typeof value === "bigint") return String(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0
    ? "{}"
    : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`).join(", ")} }`;
}
