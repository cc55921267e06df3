import type { Field, PyClass, Runtime } from "./model.js";
import { formatPythonType } from "./model-python.js";

/**
 * Everything reachable on a runtime's context, by dotted path: what the docs compare and the release
 * diff classifies.
 */
export interface Entry {
  readonly path: string;
  readonly kind: "attribute" | "python-only" | "alias" | "method";
  /** How the entry reads in a table: a Python type, "alias of x", "() -> T". */
  readonly type: string;
  readonly header?: string;
  readonly field?: Field;
  readonly owner: PyClass;
}

export function entries(runtime: Runtime): Entry[] {
  const out: Entry[] = [];
  const visit = (cls: PyClass, prefix: string) => {
    for (const field of cls.fields) {
      const path = `${prefix}${field.name}`;
      out.push({
        path,
        kind: field.json === undefined ? "python-only" : "attribute",
        type: formatPythonType(field.python),
        ...(field.header && { header: field.header }),
        field,
        owner: cls,
      });
      if (field.json?.classRef !== undefined)
        visit(runtime.classes.find((c) => c.name === field.json!.classRef)!, `${path}.`);
    }
    for (const alias of cls.aliases)
      out.push({
        path: `${prefix}${alias.name}`,
        kind: "alias",
        type: `${alias.kind === "property" ? "read-only alias" : "alias"} of ${alias.of}`,
        owner: cls,
      });
    for (const method of cls.methods) {
      out.push({
        path: `${prefix}${method.name}()`,
        kind: "method",
        type:
          `(${method.params.map((p) => `${p.name}: ${formatPythonType(p.python)}`).join(", ")}) -> ` +
          `${formatPythonType(method.returns)}`,
        owner: cls,
      });
    }
  };
  visit(runtime.classes[0]!, "");
  return out;
}

/** True when a dotted path (attributes, aliases or methods) exists from the runtime's context. */
export function resolvesInRuntime(runtime: Runtime, dotted: string): boolean {
  let cls: PyClass | undefined = runtime.classes[0];
  for (const name of dotted.split(".")) {
    if (cls === undefined) return false;
    const field = cls.fields.find((f) => f.name === name);
    if (field === undefined)
      return cls.aliases.some((a) => a.name === name) || cls.methods.some((m) => m.name === name);
    cls = field.json?.classRef === undefined ? undefined : runtime.classes.find((c) => c.name === field.json!.classRef);
  }
  return true;
}
