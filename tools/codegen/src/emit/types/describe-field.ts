import type { Field, PyClass } from "../../model.js";
import { formatConstructor, formatPythonType } from "../../model-python.js";
import { jsDocText } from "../wrap-prose.js";

// JSDoc sits indented by up to five columns (`   * `): the text wraps where the line reaches 97
const WIDTH = 92;

/** The JSDoc text of an attribute: the description, then the facts a reader checks most. */
export function describeField(field: Field): string {
  const facts = [
    field.unit && `Unit: ${field.unit}.`,
    field.header && `Header: \`${field.header}\`.`,
    `Python: \`${formatPythonType(field.python)}\`.`,
  ].filter(Boolean);
  const lines = [field.description, "", facts.join(" ")];
  if (field.nullable && field.nullWhen !== undefined) lines.push(`Null when: ${field.nullWhen}`);
  if (field.secret) lines.push("Secret: never log or echo this value.");
  return jsDocText(lines.join("\n"), WIDTH);
}

export function describeClass(cls: PyClass): string {
  return jsDocText(`${cls.description}\n\nPython: \`${formatConstructor(cls)}\`.`, WIDTH);
}
