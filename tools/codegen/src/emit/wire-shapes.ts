import {
  ARBITRARY_INT_STANDIN,
  attributeFields,
  type Field,
  type InvocationPath,
  type PyClass,
  type Runtime,
} from "../model.js";

/**
 * The wire forms of a runtime as the model defines them, shared by the targets that emit them:
 * which classes have a to_json() view, the headers the runtime reads, and the TypeScript text
 * of a leaf value.
 */
/** Whether the context has to_json() (so a to_json() view): part of the model, kept here for the emitters. */
export { serializes } from "../model.js";

export function classOf(runtime: Runtime, name: string): PyClass {
  return runtime.classes.find((cls) => cls.name === name)!;
}

/** Every value of the attribute view that is not an object of another class, with its path. */
export function leafFields(runtime: Runtime): Array<{ path: string[]; field: Field }> {
  const out: Array<{ path: string[]; field: Field }> = [];
  const visit = (cls: PyClass, path: string[]) => {
    for (const field of attributeFields(cls)) {
      if (field.json?.classRef !== undefined) visit(classOf(runtime, field.json.classRef), [...path, field.name]);
      else out.push({ path: [...path, field.name], field });
    }
  };
  visit(runtime.classes[0]!, []);
  return out;
}

/** Every header the runtime reads, with the dotted attribute path it fills. */
export function headerFields(runtime: Runtime): Array<{ header: string; path: string[]; field: Field }> {
  return leafFields(runtime).flatMap(({ path, field }) =>
    field.header === undefined ? [] : [{ header: field.header, path, field }],
  );
}

/** A leaf's TypeScript type from its JSON kinds (class-valued fields are handled by callers). */
export function leafType(field: Field, nullable = field.nullable): string {
  const kinds = field.json!.kinds.map((kind) =>
    kind === "integer" || kind === "number"
      ? "number"
      : kind === "object"
        ? "{ [k: string]: unknown }"
        : kind === "array"
          ? "unknown[]"
          : kind,
  );
  return [...new Set(kinds), ...(nullable ? ["null"] : [])].join(" | ");
}

/**
 * True for a field the path fills with a header's text as it is: not converted to an int, and
 * not the header without which no handler runs (so never absent when one does).
 */
export function readAsText(field: Field, path: InvocationPath): boolean {
  if (field.header === undefined || field.header === path.requiredHeader.header || field.fromHeader !== undefined)
    return false;
  return field.json?.kinds.every((kind) => kind === "string") === true;
}

/** True when the path gives None for the field when its header is absent (the concurrent path). */
export function absentHeaderGivesNone(field: Field, path: InvocationPath): boolean {
  return readAsText(field, path) && path.absentText === "none";
}

/** True when the path may leave the field None: the spec allows it, or the absent header gives it. */
export function noneOnPath(field: Field, path: InvocationPath): boolean {
  return field.nullable || absentHeaderGivesNone(field, path);
}

/** True for the field a constructor parameter fills through a decoder (the tracing baggage). */
export function isDecoded(runtime: Runtime, field: Field): boolean {
  return runtime.classes.some(
    (cls) =>
      cls.fields.includes(field) && cls.constructorParams.some((p) => p.fills === field.name && p.via !== undefined),
  );
}

/**
 * The invocation paths as the data the converters of both languages read: each path's reading
 * rules, and per converted header its conversion on that path.
 */
/**
 * The Unicode version of each CPython's unicodedata (int() accepts the decimal digits of its own
 * version only): a fact of CPython, measured with each interpreter's unicodedata.unidata_version
 * (3.14's from its release notes, no 3.14 interpreter being at hand).
 */
const CPYTHON_UNICODE: Readonly<Record<string, number>> = {
  "3.6": 9.0,
  "3.7": 11.0,
  "3.8": 12.1,
  "3.9": 13.0,
  "3.10": 13.0,
  "3.11": 14.0,
  "3.12": 15.0,
  "3.13": 15.1,
  "3.14": 16.0,
};

export function pythonUnicode(runtime: Runtime): number {
  const version = CPYTHON_UNICODE[runtime.pythonVersion];
  if (version === undefined)
    throw new Error(`no Unicode version known for CPython ${runtime.pythonVersion}: add it to wire-shapes.ts`);
  return version;
}

export function pathsTable(runtime: Runtime): Record<string, Record<string, unknown>> {
  const converted = headerFields(runtime).filter(({ field }) => field.fromHeader !== undefined);
  return Object.fromEntries(
    (["default", "concurrent"] as const).map((name) => {
      const { description: _d, sources: _s, name: _n, requiredHeader, checkedHeaders, ...rules } = runtime.paths[name];
      return [
        name,
        {
          ...rules,
          requiredHeader: { header: requiredHeader.header, absent: requiredHeader.absent },
          checkedHeaders: checkedHeaders.map(({ header, conversion }) => ({ header, conversion })),
          convert: Object.fromEntries(converted.map(({ header, field }) => [header, field.fromHeader![name]])),
          arbitraryInt: ARBITRARY_INT_STANDIN,
          pythonUnicode: pythonUnicode(runtime),
        },
      ];
    }),
  );
}

/**
 * The field of the invocation's identity: the one the header every path requires fills (the
 * request id). Fakes give it a fresh value per call, as each invocation has its own.
 */
export function invocationIdField(runtime: Runtime): Field | undefined {
  const header = runtime.paths.default.requiredHeader.header;
  return attributeFields(runtime.classes[0]!).find((field) => field.header === header);
}
