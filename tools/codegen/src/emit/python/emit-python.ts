import { readFileSync } from "node:fs";
import {
  attributeFields,
  type Field,
  type Model,
  modelOwner,
  modelSharers,
  type PyClass,
  type Runtime,
} from "../../model.js";
import { formatPythonLiteral, formatPythonType } from "../../model-python.js";
import { pep440 } from "../../pep440.js";
import { banner, eventBanner } from "../banner.js";
import { classOf, headerFields, invocationIdField, isDecoded, pathsTable, serializes } from "../wire-shapes.js";
import { pythonClass } from "./emit-python-class.js";
import { eventsModule } from "./emit-python-events.js";
import { testingModule } from "./emit-python-testing.js";
import { hasDataclasses, pythonAlike } from "./python-alike.js";
import { type ImportSources, importLines, usedNames } from "./python-imports.js";
import { docstring, pythonLiteral, pythonTuple } from "./python-source.js";
import { wrapPythonLines } from "./wrap-lines.js";

// Shared Python code, part of the generator like a template: copied into every build.
const RUNTIME_SUPPORT = readFileSync(new URL("./runtime_support.py", import.meta.url), "utf8");
const PROBE = readFileSync(new URL("./probe.py", import.meta.url), "utf8");
const EVENTS_SUPPORT = readFileSync(new URL("./events_support.py", import.meta.url), "utf8");
// the local runner: the runtime process (a script in a folder of its own, as FC's bootstrap is),
// the Instance API, the HTTP server and the command line
const RUNNER_FILES: ReadonlyArray<readonly [string, string]> = [
  ["_runtime_folder/bootstrap.py", "./run_bootstrap.py"],
  ["run.py", "./run_instance.py"],
  ["_serve.py", "./run_serve.py"],
  ["_command.py", "./run_command.py"],
].map(([target, source]) => [target!, readFileSync(new URL(source!, import.meta.url), "utf8")] as const);
const MAIN_MODULE = [
  '"""python -m fc_context run|serve: see fc_context._command."""',
  "",
  "import sys",
  "",
  "from ._command import main",
  "",
  'if __name__ == "__main__":',
  "    sys.exit(main())",
  "",
].join("\n");

/**
 * The Python package fc_context: one module per runtime mirroring the runtime's classes
 * (py36, py39, ...), from_dict and the fakes' defaults per module, for_runtime() at the root,
 * fake_context() in fc_context.testing.
 */
export async function emitPython(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set("_runtime.py", `${banner(model, undefined, "#")}\n${RUNTIME_SUPPORT}`);
  files.set("py.typed", "");
  files.set("__init__.py", packageInit(model));
  files.set("testing.py", testingModule(model));
  files.set("probe.py", probeModule(model));
  for (const [target, source] of RUNNER_FILES) files.set(target, `${banner(model, undefined, "#")}\n${source}`);
  files.set("__main__.py", `${banner(model, undefined, "#")}\n${MAIN_MODULE}`);
  const events = eventsModule(model);
  if (events !== undefined) {
    files.set("_events.py", `${eventBanner(model, undefined, "#")}\n${EVENTS_SUPPORT}`);
    files.set("events.py", events);
  }
  for (const runtime of model.runtimes) {
    const owner = modelOwner(model, runtime, pythonAlike);
    const text = owner === runtime ? runtimeModule(model, runtime) : sharedRuntimeModule(model, runtime, owner);
    files.set(`${runtime.pythonModule}.py`, text);
  }
  // generated Python reads like hand-written Python: within 100 columns
  for (const [name, text] of files) if (name.endsWith(".py")) files.set(name, wrapPythonLines(text));
  return files;
}

/** __all__ and the ids: what each runtime module states as its own. */
function idLines(model: Model, runtime: Runtime): string[] {
  const names = [
    ...["RUNTIME", "PYTHON_VERSION", "SPEC_VERSION", "SCHEMA_ID"],
    ...runtime.classes.map((cls) => cls.name),
    ...["from_dict", "to_attributes", "from_headers", "to_headers"],
    ...(serializes(runtime) ? ["to_json_view", "from_json_view"] : []),
    ...["FCContextValidationError", "FCHeaderError", "HeaderInput", "Issue"],
  ];
  return [
    `__all__ = [${names.map((name) => JSON.stringify(name)).join(", ")}]`,
    "",
    `RUNTIME: str = ${JSON.stringify(runtime.id)}`,
    `PYTHON_VERSION: str = ${JSON.stringify(runtime.pythonVersion)}`,
    `SPEC_VERSION: str = ${JSON.stringify(model.specVersion)}`,
    `SCHEMA_ID: str = ${JSON.stringify(runtime.schemaId)}`,
    "",
  ];
}

/**
 * The module of a runtime that shares another's model (python3.10 has python3.9's): the owner's
 * classes and converters, re-exported, and the few functions that report a runtime, with its id.
 */
function sharedRuntimeModule(model: Model, runtime: Runtime, owner: Runtime): string {
  const root = runtime.classes[0]!;
  const fromOwner = [
    ...runtime.classes.map((cls) => cls.name).sort(),
    ...["from_headers", "to_attributes", "to_headers", ...(serializes(runtime) ? ["to_json_view"] : [])],
    ...[...(serializes(runtime) ? ["_JSON_KEYS", "_JSON_RULES"] : []), "_PYTHON_ONLY", "_RULES", "_fake_attributes"],
  ];
  return [
    banner(model, runtime, "#"),
    docstring(
      `The context classes of the Function Compute ${runtime.id} runtime (Python ${runtime.pythonVersion}), ` +
        `typed.\n\n${runtime.description}\n\n${runtime.id} has ${owner.id}'s model and reads it alike, so this ` +
        `module is fc_context.${owner.pythonModule} with ${runtime.id}'s ids: the classes are the same ` +
        `(fc_context.${runtime.pythonModule}.${root.name} is fc_context.${owner.pythonModule}.${root.name}), and ` +
        `what reports a runtime reports ${runtime.id}.`,
      "",
    ),
    "",
    "from typing import Any, Mapping",
    "",
    "from ._runtime import (",
    ...[
      "FCContextValidationError",
      "FCHeaderError",
      "HeaderInput",
      "Issue",
      "_check",
      "_checked_logger",
      "_merge",
      ...(serializes(runtime) ? ["_renamed"] : []),
      "_UNREADABLE",
    ].map((name) => `    ${name},`),
    ")",
    `from .${owner.pythonModule} import (`,
    ...fromOwner.map((name) => `    ${name},`),
    ")",
    "",
    ...idLines(model, runtime),
    "",
    ...fromDict(runtime),
    ...(serializes(runtime) ? fromJsonView(runtime) : []),
    ...fake(runtime),
  ].join("\n");
}

/** What an owner's docstring says of the runtimes that share its module, if any. */
function sharedBy(model: Model, owner: Runtime): string {
  const sharers = modelSharers(model, owner, pythonAlike).filter((runtime) => runtime !== owner);
  if (sharers.length === 0) return "";
  const named = sharers.map((runtime) => `fc_context.${runtime.pythonModule} (${runtime.id})`).join(", ");
  return ` ${named} ${sharers.length === 1 ? "shares" : "share"} this module's classes and converters.`;
}

function runtimeModule(model: Model, runtime: Runtime): string {
  // dataclasses arrived in Python 3.7; the 3.6 module offers the same API with plain classes
  const dataclasses = hasDataclasses(runtime);
  const root = runtime.classes[0]!;
  const pythonOnly = root.fields.filter((field) => field.json === undefined).map((field) => field.name);
  const body = [
    ...concurrentProtocols(runtime),
    "",
    ...idLines(model, runtime),
    ...[...runtime.classes].reverse().flatMap((cls) => ["", pythonClass(runtime, cls, dataclasses), ""]),
    "",
    `_RULES: Dict[str, Any] = {`,
    ...runtime.classes.flatMap((cls) => [
      `    ${JSON.stringify(cls.name)}: (`,
      ...attributeFields(cls).map((field) => `        ${ruleSource(field)},`),
      "    ),",
    ]),
    "}",
    "",
    "",
    ...fromDict(runtime),
    ...wireFunctions(runtime),
    `_PYTHON_ONLY = (${pythonOnly.map((name) => `${JSON.stringify(name)},`).join(" ")})`,
    "",
    "",
    "def _fake_attributes() -> Dict[str, Any]:",
    `    return ${fakeAttributes(runtime, root, "    ")}`,
    "",
    "",
    ...fake(runtime),
  ].join("\n");
  return [...moduleHead(model, runtime, body), "", body].join("\n");
}

// What a runtime module may import; importLines keeps what its code uses.
const RUNTIME_MODULE_IMPORTS: ImportSources = {
  modules: ["base64", "json", "logging"],
  from: [
    { module: "dataclasses", names: ["dataclass", "field"] },
    {
      module: "typing",
      names: ["TYPE_CHECKING", "Any", "ClassVar", "Dict", "List", "Mapping", "Optional", "Union", "overload"],
    },
  ],
};

const RUNTIME_SUPPORT_NAMES = [
  "FCContextValidationError",
  "FCHeaderError",
  "HeaderInput",
  "Issue",
  "_baggage_header",
  "_check",
  "_checked_logger",
  "_expect_context",
  "_fresh_request_id",
  "_header_text",
  "_integral",
  "_Invocation",
  "_UNREADABLE",
  "_json_copy",
  "_merge",
  "_path",
  "_renamed",
  "_repr",
  "_rule",
  "_sent",
];

/** A runtime module's banner, docstring and imports: only what its body uses. */
function moduleHead(model: Model, runtime: Runtime, body: string): string[] {
  const typeChecking = usedNames(body, ["Literal", "Protocol"]);
  const checkedOnly =
    typeChecking.length === 0
      ? []
      : [
          "",
          "if TYPE_CHECKING:",
          "    # only for type checkers: Literal and Protocol are not in Python 3.6's typing",
          `    from typing_extensions import ${typeChecking.join(", ")}`,
        ];
  const code = [...checkedOnly, body].join("\n");
  return [
    banner(model, runtime, "#"),
    docstring(
      `The context classes of the Function Compute ${runtime.id} runtime (Python ${runtime.pythonVersion}), ` +
        `typed.\n\n${runtime.description}${sharedBy(model, runtime)}\n\nThe classes take the runtime's own ` +
        `constructor arguments, so code written against the real runtime runs unchanged; from_dict() builds a ` +
        `context from its attribute view (the shape of the JSON and TypeScript types).`,
      "",
    ),
    "",
    ...importLines(code, RUNTIME_MODULE_IMPORTS),
    "",
    ...importLines(code, { modules: [], from: [{ module: "._runtime", names: RUNTIME_SUPPORT_NAMES }] }),
    ...checkedOnly,
  ];
}

/** from_dict(): the attribute view checked against the rules, then the context built from it. */
function fromDict(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  return [
    `def from_dict(data: Mapping[str, Any]) -> ${root.name}:`,
    docstring(
      `Builds a ${runtime.id} context from its attribute view: a dict keyed by the Python attribute names, None as ` +
        `None (for example json.loads of a stored context).\n\nRaises FCContextValidationError listing every fault ` +
        `by JSON pointer when data does not match the spec. Python-only attributes (the logger) are None.`,
      "    ",
    ),
    `    _check(data, _RULES, ${JSON.stringify(root.name)}, RUNTIME)`,
    `    return ${root.name}._from_attributes(data)`,
    "",
    "",
  ];
}

/** from_json_view(): the to_json() view checked against its rules, renamed, then built. */
function fromJsonView(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  return [
    `def from_json_view(data: Mapping[str, Any]) -> ${root.name}:`,
    docstring(
      "Builds a context from its to_json() view (json.loads of a logged context.to_json()). Raises " +
        "FCContextValidationError listing every fault by JSON pointer into the view (its camelCase keys), as " +
        "@fc-context/validators' validateFCContextJSON reports them.",
      "    ",
    ),
    `    _check(data, _JSON_RULES, ${JSON.stringify(`${root.name}JSON`)}, RUNTIME)`,
    `    attributes: Any = _renamed(data, _JSON_KEYS, ${JSON.stringify(root.name)})`,
    `    return ${root.name}._from_attributes(attributes)`,
    "",
    "",
  ];
}

/** The fake behind fc_context.testing.fake_context(): the defaults merged with the overrides. */
function fake(runtime: Runtime): string[] {
  return [
    `def _fake(overrides: Mapping[str, Any]) -> ${runtime.classes[0]!.name}:`,
    "    try:",
    "        data = _merge(_fake_attributes(), {key: value for key, value in overrides.items() if key not in " +
      "_PYTHON_ONLY})",
    "    except Exception:  # an override that raises when read",
    '        raise FCContextValidationError(RUNTIME, [Issue("", _UNREADABLE, "read")])',
    "    context = from_dict(data)",
    "    for key in _PYTHON_ONLY:",
    "        if key in overrides:",
    "            setattr(context, key, _checked_logger(RUNTIME, overrides[key]))",
    "    return context",
    "",
  ];
}

/** A JSON object as a Python dict literal, one key a line. */
function pythonDict(value: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(value).map(([key, item]) => {
    const text =
      item !== null && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length > 2
        ? pythonDict(item as Record<string, unknown>, `${indent}    `)
        : pythonLiteral(item);
    return `${indent}    ${JSON.stringify(key)}: ${text},`;
  });
  return `{\n${entries.join("\n")}\n${indent}}`;
}

/**
 * What the concurrent path builds, for type checkers only: the runtime's classes, but a text
 * attribute read from a header may be None there, so it is Optional.
 */
function concurrentProtocols(runtime: Runtime): string[] {
  const out: string[] = [];
  for (const cls of [...runtime.classes].reverse()) {
    const name = `${cls.name}FromConcurrentHeaders`;
    out.push(
      // one blank line between the classes of the TYPE_CHECKING block, none before the first (the
      // block's import is followed by one already)
      ...(out.length > 0 ? [""] : []),
      `    class ${name}(Protocol):`,
      docstring(
        `${cls.name} as the concurrent invocation path builds it: an absent text header gives None.`,
        "        ",
      ),
      "",
    );
    const typeOf = (field: Field): string => {
      if (field.json?.classRef !== undefined) return `"${field.json.classRef}FromConcurrentHeaders"`;
      const base = formatPythonType(field.python);
      const text =
        field.header !== undefined &&
        field.fromHeader === undefined &&
        field.json?.kinds.every((kind) => kind === "string");
      return text && !field.nullable ? `Optional[${base}]` : base.replace(/^"|"$/g, "");
    };
    for (const field of cls.fields) out.push(`        ${field.name}: ${typeOf(field)}`);
    for (const alias of cls.aliases)
      out.push(`        ${alias.name}: ${typeOf(cls.fields.find((f) => f.name === alias.of)!)}`);
    for (const method of cls.methods) {
      const params = method.params.map((param) => `, ${param.name}: ${formatPythonType(param.python)}`).join("");
      out.push(
        "",
        `        def ${method.name}(self${params}) -> ${formatPythonType(method.returns)}:`,
        "            ...",
      );
    }
  }
  return [...out, ""];
}

/** A field's rule in the attribute view, or in the to_json() view (its JSON key, classes named <Class>JSON). */
function ruleSource(field: Field, view: "attributes" | "json" = "attributes"): string {
  const json = field.json!;
  const name = view === "json" ? field.toJsonKey! : field.name;
  const args = [JSON.stringify(name), pythonTuple(json.kinds.map((kind) => JSON.stringify(kind)))];
  const named: string[] = [];
  if (field.nullable) named.push("nullable=True");
  if (json.classRef !== undefined)
    named.push(`class_name=${JSON.stringify(view === "json" ? `${json.classRef}JSON` : json.classRef)}`);
  const c = json.constraints;
  if (c.minLength !== undefined) named.push(`min_length=${c.minLength}`);
  if (c.maxLength !== undefined) named.push(`max_length=${c.maxLength}`);
  if (c.minimum !== undefined) named.push(`minimum=${c.minimum}`);
  if (c.maximum !== undefined) named.push(`maximum=${c.maximum}`);
  if (c.pattern !== undefined) named.push(`pattern=${JSON.stringify(c.pattern)}`);
  if (field.secret) named.push("secret=True");
  return `_rule(${[...args, ...named].join(", ")})`;
}

/** The fakes' attribute view: each field's first spec example; the request id fresh per call. */
function fakeAttributes(runtime: Runtime, cls: PyClass, indent: string): string {
  const entries = attributeFields(cls).map((field) => {
    let value: string;
    if (field.json?.classRef !== undefined)
      value = fakeAttributes(runtime, runtime.classes.find((c) => c.name === field.json!.classRef)!, `${indent}    `);
    else if (field === invocationIdField(runtime)) value = "_fresh_request_id()";
    else value = pythonLiteral(field.examples[0]);
    return `${indent}    ${JSON.stringify(field.name)}: ${value},`;
  });
  return `{\n${entries.join("\n")}\n${indent}}`;
}

function packageInit(model: Model): string {
  const ids = model.runtimes.flatMap((runtime) => [runtime.id, ...runtime.aliases].map((id) => [id, runtime] as const));
  const modules = model.runtimes.map((r) => `fc_context.${r.pythonModule} for ${[r.id, ...r.aliases].join(" and ")}`);
  const moduleOf = model.runtimes.map((r) => `${JSON.stringify(r.id)}: ${JSON.stringify(r.pythonModule)}`);
  return [
    banner(model, undefined, "#"),
    docstring(
      `fc_context: the Python context object of Alibaba Cloud Function Compute, typed per runtime.\n\nImport the ` +
        `module of your runtime ` +
        `(${modules.join(", ")}), or get it by runtime id with for_runtime(). ` +
        `Fakes for unit tests: fc_context.testing.fake_context().`,
      "",
    ),
    "",
    "import importlib",
    "from types import ModuleType",
    "from typing import Dict, Tuple",
    "",
    "from ._runtime import FCContextValidationError, Issue",
    "",
    '__all__ = ["FCContextValidationError", "Issue", "RUNTIMES", "RUNTIME_ALIASES", "SPEC_VERSION", ' +
      '"canonical_runtime", "for_runtime"]',
    "",
    `__version__ = ${JSON.stringify(pep440(model.specVersion))}`,
    `SPEC_VERSION: str = ${JSON.stringify(model.specVersion)}`,
    `RUNTIMES: Tuple[str, ...] = ${pythonTuple(model.runtimes.map((r) => JSON.stringify(r.id)))}`,
    `RUNTIME_ALIASES: Dict[str, str] = {${ids
      .filter(([id, r]) => id !== r.id)
      .map(([id, r]) => `${JSON.stringify(id)}: ${JSON.stringify(r.id)}`)
      .join(", ")}}`,
    `_MODULES = {${moduleOf.join(", ")}}`,
    "",
    "",
    "def canonical_runtime(runtime_id: str) -> str:",
    docstring(
      `The runtime id FC means by runtime_id (${ids
        .filter(([id, r]) => id !== r.id)
        .map(([id, r]) => `${id} is ${r.id}`)
        .join(", ")}). Raises ValueError for an id fc_context does not know.`,
      "    ",
    ),
    "    runtime = RUNTIME_ALIASES.get(runtime_id, runtime_id) if isinstance(runtime_id, str) else None",
    "    if runtime not in _MODULES:",
    "        if isinstance(runtime_id, str):",
    "            named = repr(str(runtime_id))",
    "        else:",
    '            named = "({})".format(type(runtime_id).__name__)',
    `        expected = ${JSON.stringify(ids.map(([id]) => id).join(", "))}`,
    '        raise ValueError("unknown FC runtime id {}: expected one of {}".format(named, expected))',
    "    return str(runtime)",
    "",
    "",
    "def for_runtime(runtime_id: str) -> ModuleType:",
    docstring(
      `The fc_context module of a runtime, by the id FC uses: for_runtime("python3.9") is fc_context.py39, ` +
        `for_runtime("python3") and for_runtime("python3.6") are fc_context.py36.`,
      "    ",
    ),
    '    return importlib.import_module("." + _MODULES[canonical_runtime(runtime_id)], __name__)',
    "",
  ].join("\n");
}

/**
 * The wire forms: from_headers builds the context through the runtime's own constructors, as
 * its bootstrap does from the invocation's headers; to_headers is what an emulator sends;
 * to_attributes inverts from_dict; the to_json view comes and goes by the spec's to_json keys.
 */
function wireFunctions(runtime: Runtime): string[] {
  const lines = [...fromHeadersSource(runtime), ...toHeadersSource(runtime), ...toAttributesSource(runtime)];
  return serializes(runtime) ? [...lines, ...jsonViewSource(runtime)] : lines;
}

/** from_headers, with the table of invocation paths it reads. */
function fromHeadersSource(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  const concurrent = `${root.name}FromConcurrentHeaders`;
  return [
    "# How each invocation path reads the headers (spec: x-invocation-paths), with the conversions",
    "# of the headers the runtime turns into ints there (spec: x-from-header).",
    `_PATHS: Dict[str, Dict[str, Any]] = ${pythonDict(pathsTable(runtime), "")}`,
    "",
    "",
    "@overload",
    `def from_headers(headers: HeaderInput, path: "Literal['default']" = "default") -> ${root.name}:`,
    "    ...",
    "",
    "",
    "@overload",
    `def from_headers(headers: HeaderInput, path: "Literal['concurrent']") -> "${concurrent}":`,
    "    ...",
    "",
    "",
    `def from_headers(headers: HeaderInput, path: str = "default") -> Any:`,
    docstring(
      `Builds the context the ${runtime.id} runtime builds from an invocation's x-fc-* headers, through the ` +
        `runtime's own constructors, on the given invocation path.\n\n"default" (instance concurrency 1): names ` +
        `case-insensitive, the first of repeated values, values trimmed, an absent text header as '', timeout and ` +
        `retry count parsed as the native client does, the logger None. "concurrent" (instance concurrency above ` +
        `1): repeated values joined with ", ", only leading spaces dropped, values read as Latin-1, an absent ` +
        `text header as None (so str attributes may hold None: the return type says so), the ints through ` +
        `int(), a logger per request. headers is a mapping (a list value is a repeated header) or (name, ` +
        `value) pairs in wire order. Raises FCHeaderError where the runtime posts an error or never runs ` +
        `the handler, and for a value that is not text.`,
      "    ",
    ),
    "    h = _Invocation(headers, _path(_PATHS, path))",
    `    return ${constructorCall(runtime, root, "    ")}`,
    "",
    "",
  ];
}

/** A call of a class's constructor, with the argument each parameter takes from the headers. */
function constructorCall(runtime: Runtime, cls: PyClass, indent: string): string {
  const args = cls.constructorParams.map((param) => {
    const field = cls.fields.find((f) => f.name === param.fills)!;
    if (field.json?.classRef !== undefined)
      return constructorCall(runtime, classOf(runtime, field.json.classRef), `${indent}    `);
    if (field.python.kind === "optional" && field.python.of.kind === "logger") return "h.logger()";
    if (field.header === undefined) return param.default === undefined ? "None" : formatPythonLiteral(param.default);
    return field.fromHeader !== undefined
      ? `h.number(${JSON.stringify(field.header)})`
      : `h.text(${JSON.stringify(field.header)})`;
  });
  return `${cls.name}(\n${args.map((arg) => `${indent}    ${arg},`).join("\n")}\n${indent})`;
}

function toHeadersSource(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  const headers = headerFields(runtime).map(
    ({ header, path, field }) =>
      `        ${JSON.stringify(header)}: ` +
      `${isDecoded(runtime, field) ? "_baggage_header" : "_header_text"}(context.${path.join(".")}),`,
  );
  return [
    `def to_headers(context: ${root.name}) -> Dict[str, str]:`,
    docstring(
      "The x-fc-* headers an emulator sends for this context: None values and empty baggage are not sent, numbers as " +
        "decimal strings, baggage as base64 JSON. Includes the secret headers. Raises TypeError for anything but a " +
        "context of this module.",
      "    ",
    ),
    `    _expect_context(context, ${root.name}, ${JSON.stringify(runtime.pythonModule)})`,
    "    headers = {",
    ...headers,
    "    }",
    "    return _sent(headers)",
    "",
    "",
  ];
}

function toAttributesSource(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  return [
    `def to_attributes(context: ${root.name}) -> Dict[str, Any]:`,
    docstring(
      "The attribute view of a context (the inverse of from_dict): Python-only attributes left out. Raises TypeError " +
        "for anything but a context of this module.",
      "    ",
    ),
    `    _expect_context(context, ${root.name}, ${JSON.stringify(runtime.pythonModule)})`,
    `    return ${attributesDict(runtime, root, "context", "    ")}`,
    "",
    "",
  ];
}

/** The nested dict to_attributes returns: JSON-valued attributes copied, classes as dicts of their own. */
function attributesDict(runtime: Runtime, cls: PyClass, path: string, indent: string): string {
  const value = (field: Field): string => {
    const at = `${path}.${field.name}`;
    if (field.json?.classRef !== undefined)
      return attributesDict(runtime, classOf(runtime, field.json.classRef), at, `${indent}    `);
    return field.json?.kinds.includes("object") ? `_json_copy(${at})` : at;
  };
  const entries = attributeFields(cls).map((field) => `${indent}    ${JSON.stringify(field.name)}: ${value(field)},`);
  return `{\n${entries.join("\n")}\n${indent}}`;
}

/** to_json_view and from_json_view, with the tables of to_json keys and rules they follow. */
function jsonViewSource(runtime: Runtime): string[] {
  const root = runtime.classes[0]!;
  const keys = runtime.classes.filter((cls) => attributeFields(cls).some((f) => f.toJsonKey !== undefined));
  return [
    // annotated: mypy joins the tuples' types to object, which _renamed does not take
    `_JSON_KEYS: Dict[str, Dict[str, Any]] = {`,
    ...keys.map(
      (cls) =>
        `    ${JSON.stringify(cls.name)}: {${attributeFields(cls)
          .map(
            (f) =>
              `${JSON.stringify(f.toJsonKey)}: (${JSON.stringify(f.name)}, ` +
              `${f.json?.classRef ? JSON.stringify(f.json.classRef) : "None"})`,
          )
          .join(", ")}},`,
    ),
    "}",
    "",
    "",
    `def to_json_view(context: ${root.name}) -> Dict[str, Any]:`,
    docstring(
      "The context's to_json() view as a dict: the runtime's camelCase keys, secrets included. Raises TypeError for " +
        "anything but a context of this module.",
      "    ",
    ),
    `    _expect_context(context, ${root.name}, ${JSON.stringify(runtime.pythonModule)})`,
    "    view: Dict[str, Any] = json.loads(context.to_json())",
    "    return view",
    "",
    "",
    `_JSON_RULES: Dict[str, Any] = {`,
    ...keys.flatMap((cls) => [
      `    ${JSON.stringify(`${cls.name}JSON`)}: (`,
      ...attributeFields(cls).map((field) => `        ${ruleSource(field, "json")},`),
      "    ),",
    ]),
    "}",
    "",
    "",
    ...fromJsonView(runtime),
  ];
}

/** The probe with the spec's version and secret names filled in; it stays one self-contained file. */
function probeModule(model: Model): string {
  const secrets = new Set<string>();
  for (const cls of model.runtimes.flatMap((runtime) => runtime.classes)) {
    const secret = new Set(cls.fields.filter((field) => field.secret).map((field) => field.name));
    for (const name of secret) secrets.add(name);
    for (const alias of cls.aliases) if (secret.has(alias.of)) secrets.add(alias.name);
  }
  const names = [...secrets]
    .sort()
    .map((name) => JSON.stringify(name))
    .join(", ");
  const filled = fillLine(
    fillLine(PROBE, /^SPEC_VERSION = .*$/m, `SPEC_VERSION = ${JSON.stringify(model.specVersion)}`),
    /^_SPEC_SECRETS: .*$/m,
    `_SPEC_SECRETS: FrozenSet[str] = frozenset({${names}})`,
  );
  return `${banner(model, undefined, "#")}\n${filled}`;
}

function fillLine(source: string, line: RegExp, replacement: string): string {
  if (!line.test(source)) throw new Error(`probe.py has no line matching ${line}`);
  return source.replace(line, replacement);
}
