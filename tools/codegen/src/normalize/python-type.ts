import type { PyType } from "../model.js";

/**
 * Parses the small Python type language the spec uses (x-python-type, method returns and
 * params) and prints it back. Returns an error string rather than throwing so the caller can
 * attach the file and pointer.
 */
export function parsePythonType(text: string, classNames: ReadonlySet<string>): PyType | string {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_.]*|[[\],]|\S/g) ?? [];
  let at = 0;
  const parse = (): PyType | string => {
    const name = tokens[at++];
    if (name === undefined) return "a type name";
    const args: PyType[] = [];
    if (tokens[at] === "[") {
      at++;
      for (;;) {
        const arg = parse();
        if (typeof arg === "string") return arg;
        args.push(arg);
        if (tokens[at] === ",") {
          at++;
          continue;
        }
        if (tokens[at] === "]") {
          at++;
          break;
        }
        return `',' or ']' after a type argument of ${name}`;
      }
    }
    const arity = (count: number): string | undefined =>
      args.length === count ? undefined : `${name} with ${count} type argument${count === 1 ? "" : "s"}`;
    switch (name) {
      case "str":
      case "int":
      case "float":
      case "bool":
      case "None":
      case "Any":
        return arity(0) ?? { kind: "builtin", name };
      case "logging.Logger":
        return arity(0) ?? { kind: "logger" };
      case "Optional":
        return arity(1) ?? { kind: "optional", of: args[0]! };
      case "List":
        return arity(1) ?? { kind: "list", of: args[0]! };
      case "Dict":
        return arity(2) ?? { kind: "dict", key: args[0]!, value: args[1]! };
      case "Union":
        return args.length >= 2 ? { kind: "union", of: args } : "Union with at least 2 type arguments";
      default:
        if (classNames.has(name) && args.length === 0) return { kind: "class", name };
        return `a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], Dict[...], List[...] or a class of this runtime: ${[...classNames].join(", ")}), not "${name}"`;
    }
  };
  const result = parse();
  if (typeof result === "string") return result;
  if (at !== tokens.length) return `nothing after the type, not "${tokens.slice(at).join("")}"`;
  return result;
}

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
