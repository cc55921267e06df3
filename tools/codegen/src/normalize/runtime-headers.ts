import type { PyClass, Runtime } from "../model.js";

/** Every header the runtime's classes read, with the Class.attribute it fills (the first, if several). */
export function headersOf(runtime: Pick<Runtime, "classes">): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (cls: PyClass) => {
    for (const field of cls.fields) {
      if (field.header !== undefined && !out.has(field.header)) out.set(field.header, `${cls.name}.${field.name}`);
    }
  };
  runtime.classes.forEach(visit);
  return out;
}
