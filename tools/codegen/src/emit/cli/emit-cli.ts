import {
  attributeFields,
  type Field,
  type Model,
  type PathName,
  type PyClass,
  type PyType,
  type Runtime,
} from "../../model.js";
import { formatPythonType } from "../../model-python.js";
import { bannerComment } from "../banner.js";
import { classOf, noneOnPath, serializes } from "../wire-shapes.js";

/**
 * What `fc-context conformance` and `fc-context spec draft` hold a probe report against: per
 * runtime, each class as the running runtime would show it to Python (vars(), properties,
 * methods, constructor, to_json() keys), with the spec file and JSON pointer of every element so
 * a difference can say where the spec must change.
 */
export async function emitCli(model: Model): Promise<Map<string, string>> {
  const manifest = {
    $comment: bannerComment(model, undefined),
    specVersion: model.specVersion,
    runtimes: model.runtimes.map(runtimeEntry),
  };
  return new Map([["runtimes.json", `${JSON.stringify(manifest, null, 1)}\n`]]);
}

const PATHS: readonly PathName[] = ["default", "concurrent"];

function runtimeEntry(runtime: Runtime) {
  return {
    id: runtime.id,
    aliases: runtime.aliases,
    pythonVersion: runtime.pythonVersion,
    pythonModule: runtime.pythonModule,
    specFile: runtime.specFile,
    root: runtime.root,
    classes: runtime.classes.map((cls) => classEntry(runtime, cls)),
    toJson: serializes(runtime) ? toJsonKeys(runtime) : null,
  };
}

function classEntry(runtime: Runtime, cls: PyClass) {
  const at = (suffix: string) => ({ file: cls.location.file, pointer: `${cls.location.pointer}${suffix}` });
  return {
    name: cls.name,
    at: at(""),
    fields: cls.fields.map((field) => fieldEntry(runtime, field)),
    constructor: {
      params: cls.constructorParams.map((param) => ({
        name: param.name,
        fills: param.fills,
        ...(param.default !== undefined && { default: pythonRepr(param.default) }),
      })),
      at: at("/x-constructor"),
    },
    aliases: cls.aliases.map((alias) => ({
      name: alias.name,
      of: alias.of,
      kind: alias.kind,
      description: alias.description,
    })),
    aliasesAt: at("/x-aliases"),
    methods: cls.methods.map((method) => ({
      name: method.name,
      params: method.params.map((param) => param.name),
      behavior: method.behavior,
    })),
    methodsAt: at("/x-methods"),
    fieldsAt: at("/properties"),
  };
}

function fieldEntry(runtime: Runtime, field: Field) {
  return {
    name: field.name,
    python: formatPythonType(field.python),
    /** False for attributes only Python has (loggers): not in the attribute view or the headers. */
    view: field.json !== undefined,
    accepts: accepts(field.python),
    none: Object.fromEntries(PATHS.map((path) => [path, noneOnPath(field, runtime.paths[path])])),
    secret: field.secret,
    ...(field.toJsonKey !== undefined && { toJsonKey: field.toJsonKey }),
    at: field.location,
  };
}

/** The Python type names (type(value).__name__, "Logger" for any logger) a value of the type may have. */
function accepts(type: PyType): { any: boolean; types: string[]; classes: string[] } {
  const out = { any: false, types: new Set<string>(), classes: new Set<string>() };
  const visit = (t: PyType): void => {
    if (t.kind === "builtin") {
      if (t.name === "Any") out.any = true;
      else out.types.add(t.name === "None" ? "NoneType" : t.name);
    } else if (t.kind === "logger") out.types.add("Logger");
    else if (t.kind === "class") out.classes.add(t.name);
    else if (t.kind === "optional") {
      out.types.add("NoneType");
      visit(t.of);
    } else if (t.kind === "union") t.of.forEach(visit);
    else out.types.add(t.kind);
  };
  visit(type);
  return { any: out.any, types: [...out.types], classes: [...out.classes] };
}

/** The keys to_json() writes, and each nested object's to_dict() keys. */
function toJsonKeys(runtime: Runtime) {
  const fields = attributeFields(runtime.classes[0]!).filter((field) => field.toJsonKey !== undefined);
  const nested = fields.filter((field) => field.json?.classRef !== undefined);
  return {
    keys: fields.map((field) => field.toJsonKey!),
    nested: Object.fromEntries(
      nested.map((field) => [
        field.toJsonKey!,
        attributeFields(classOf(runtime, field.json!.classRef!)).flatMap((f) =>
          f.toJsonKey === undefined ? [] : [f.toJsonKey],
        ),
      ]),
    ),
  };
}

/** A constructor default as Python's repr() writes it, which is what the probe reports. */
function pythonRepr(value: string | number | boolean | null): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return String(value);
}
