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
        return (
          `a known Python type (str, int, float, bool, None, Any, logging.Logger, Optional[...], Union[...], ` +
          `Dict[...], List[...] or a class of this runtime: ${[...classNames].join(", ")}), not "${name}"`
        );
    }
  };
  const result = parse();
  if (typeof result === "string") return result;
  if (at !== tokens.length) return `nothing after the type, not "${tokens.slice(at).join("")}"`;
  return result;
}
