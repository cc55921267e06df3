import type { PyClass, PyType } from "./model.js";

// How the model's Python types and values read in Python source: what the emitters, the docs and
// the release diff print. Part of the model, so none of them reaches into normalize/.

/** Renders a type the way typing annotations spell it (Optional, Union, Dict: valid on 3.6). */
export function formatPythonType(type: PyType): string {
  switch (type.kind) {
    case "builtin":
      return type.name;
    case "logger":
      return "logging.Logger";
    case "class":
      return type.name;
    case "optional":
      return `Optional[${formatPythonType(type.of)}]`;
    case "union":
      return `Union[${type.of.map(formatPythonType).join(", ")}]`;
    case "dict":
      return `Dict[${formatPythonType(type.key)}, ${formatPythonType(type.value)}]`;
    case "list":
      return `List[${formatPythonType(type.of)}]`;
  }
}

/** True when None is a value of the type. */
export function admitsNone(type: PyType): boolean {
  if (type.kind === "optional") return true;
  if (type.kind === "builtin") return type.name === "None" || type.name === "Any";
  if (type.kind === "union") return type.of.some(admitsNone);
  return false;
}

/** A constructor default as Python source spells it. */
export function formatPythonLiteral(value: string | number | boolean | null): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A class's constructor as Python code calls it: `Name(a, b, c=0)`, each default spelled as Python does. */
export function formatConstructor(cls: PyClass): string {
  const params = cls.constructorParams.map((param) =>
    param.default === undefined ? param.name : `${param.name}=${formatPythonLiteral(param.default)}`,
  );
  return `${cls.name}(${params.join(", ")})`;
}
