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
import { aliasModule, banner, sharedModule, theRuntimes } from "../banner.js";
import { classOf, headerFields, isDecoded, leafFields, pathsTable, pythonUnicode, serializes } from "../wire-shapes.js";
import { jsDoc } from "../wrap-prose.js";

const RUNTIME_SOURCE = readFileSync(new URL("./wire-runtime.js", import.meta.url), "utf8");
const RUNTIME_DECLARATIONS = readFileSync(new URL("./wire-runtime.d.ts", import.meta.url), "utf8");
const PYTHON_JSON_SOURCE = readFileSync(new URL("./python-json.js", import.meta.url), "utf8");
const PYTHON_JSON_DECLARATIONS = readFileSync(new URL("./python-json.d.ts", import.meta.url), "utf8");

/**
 * @fc-context/wire: per runtime, converters between the attribute view, the x-fc-* headers the
 * runtime reads, and the to_json() view, following the spec's rules (x-from-header, the baggage
 * decoder, to_json keys).
 */
export async function emitWire(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set("wire-runtime.js", `${banner(model, undefined, "//")}\n${RUNTIME_SOURCE}`);
  files.set("wire-runtime.d.ts", `${banner(model, undefined, "//")}\n${RUNTIME_DECLARATIONS}`);
  files.set("python-json.js", `${banner(model, undefined, "//")}\n${PYTHON_JSON_SOURCE}`);
  files.set("python-json.d.ts", `${banner(model, undefined, "//")}\n${PYTHON_JSON_DECLARATIONS}`);
  for (const runtime of model.runtimes) {
    const owner = modelOwner(model, runtime);
    const sharers = modelSharers(model, owner);
    if (sharers.length === 1) files.set(`${runtime.id}.js`, wireModule(model, runtime));
    else {
      const shared = `${owner.id}.shared.js`;
      if (owner === runtime) files.set(shared, sharedConverters(model, owner, sharers));
      files.set(`${runtime.id}.js`, boundModule(model, runtime, shared));
    }
    files.set(
      `${runtime.id}.d.ts`,
      owner === runtime
        ? wireDeclarations(model, runtime, sharers)
        : sharedModule(model, runtime, owner, `./${owner.id}.js`, runtimeIdDeclaration(runtime)),
    );
    for (const alias of runtime.aliases) {
      const reexport = aliasModule(model, runtime, alias);
      files.set(`${alias}.js`, reexport);
      files.set(`${alias}.d.ts`, reexport);
    }
  }
  return files;
}

const RUNTIME_IMPORT = [
  "import {",
  ...["baggageHeader", "FCHeaderError", "headerText", "pathOption", "readInvocation", "sent"].map(
    (name) => `  ${name},`,
  ),
  '} from "./wire-runtime.js";',
].join("\n");

/** The module of a runtime no other shares a model with: its converters, written out. */
function wireModule(model: Model, runtime: Runtime): string {
  const lines = [
    banner(model, runtime, "//"),
    ...validatorImports(runtime),
    RUNTIME_IMPORT,
    "",
    `export { FCHeaderError } from "./wire-runtime.js";`,
    `export const runtime = ${JSON.stringify(runtime.id)};`,
    ...secretConstants(runtime),
    "",
    "// How each invocation path reads the headers (spec: x-invocation-paths), with the conversions",
    "// of the headers the runtime turns into ints there (spec: x-from-header).",
    `const PATHS = ${JSON.stringify(pathsTable(runtime), null, 2)};`,
    ...converterFunctions(runtime).flatMap((fn) => [
      "",
      ...fn.map((line) => line.replace(/^function /, "export function ")),
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The converters of the runtimes that share one model (python3, python3.9, python3.10), written
 * once: each runtime's module binds them to its id, its validators and its Python's Unicode.
 */
function sharedConverters(model: Model, owner: Runtime, sharers: readonly Runtime[]): string {
  const table = Object.fromEntries(
    Object.entries(pathsTable(owner)).map(([name, { pythonUnicode: _u, ...rules }]) => [name, rules]),
  );
  const body = converterFunctions(owner).flatMap((fn) => ["", ...fn]);
  const names = ["fromHeaders", "toHeaders", ...(serializes(owner) ? ["toJsonView", "fromJsonView"] : [])];
  const lines = [
    banner(model, undefined, "//"),
    `// The converters of ${theRuntimes(sharers)}: one model, one code.`,
    "// Each runtime's module binds them to its id, its validators and its Python's Unicode digits.",
    RUNTIME_IMPORT,
    "",
    ...secretConstants(owner),
    "",
    "// How each invocation path reads the headers (spec: x-invocation-paths), with the conversions",
    "// of the headers the runtime turns into ints there (spec: x-from-header).",
    `const RULES = ${JSON.stringify(table, null, 2)};`,
    "",
    `export function converters({ runtime, assertFCContext${serializes(owner) ? ", assertFCContextJSON" : ""}, ` +
      `pythonUnicode }) {`,
    "  const PATHS = {",
    ...Object.keys(table).map(
      (name) => `    ${JSON.stringify(name)}: { ...RULES[${JSON.stringify(name)}], pythonUnicode },`,
    ),
    "  };",
    ...body.map((line) => (line === "" ? line : `  ${line}`)),
    "",
    `  return { ${names.join(", ")} };`,
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

/** The module of a runtime that shares its model: the shared converters, bound to its own facts. */
function boundModule(model: Model, runtime: Runtime, shared: string): string {
  const names = ["fromHeaders", "toHeaders", ...(serializes(runtime) ? ["toJsonView", "fromJsonView"] : [])];
  const validators = ["assertFCContext", ...(serializes(runtime) ? ["assertFCContextJSON"] : [])];
  return [
    banner(model, runtime, "//"),
    ...validatorImports(runtime),
    `import { converters } from "./${shared}";`,
    "",
    `export { FCHeaderError } from "./wire-runtime.js";`,
    `export { secretHeaders, secretPaths } from "./${shared}";`,
    `export const runtime = ${JSON.stringify(runtime.id)};`,
    "",
    `export const { ${names.join(", ")} } = converters({`,
    "  runtime,",
    ...validators.map((name) => `  ${name},`),
    `  pythonUnicode: ${pythonUnicode(runtime)},`,
    "});",
    "",
  ].join("\n");
}

function validatorImports(runtime: Runtime): string[] {
  return [
    `import { assertFCContext } from "@fc-context/validators/${runtime.id}";`,
    ...(serializes(runtime)
      ? [`import { assertFCContextJSON } from "@fc-context/validators/${runtime.id}/json";`]
      : []),
  ];
}

function secretConstants(runtime: Runtime): string[] {
  return [
    `export const secretPaths = Object.freeze(${JSON.stringify(
      leafFields(runtime)
        .filter(({ field }) => field.secret)
        .map(({ path }) => path),
    )});`,
    `export const secretHeaders = Object.freeze(${JSON.stringify(
      headerFields(runtime)
        .filter((h) => h.field.secret)
        .map((h) => h.header),
    )});`,
  ];
}

/** fromHeaders, toHeaders and the to_json() view both ways, over PATHS, the validators and runtime. */
function converterFunctions(runtime: Runtime): string[][] {
  const root = runtime.classes[0]!;
  const fromHeaders = (cls: PyClass, indent: string): string =>
    `{\n${attributeFields(cls)
      .map((field) => `${indent}  ${field.name}: ${headerValue(runtime, cls, field, `${indent}  `, fromHeaders)},`)
      .join("\n")}\n${indent}}`;
  const view = (cls: PyClass, from: "name" | "key", source: string, indent: string): string =>
    `{\n${attributeFields(cls)
      .map((field) => {
        const [to, read] = from === "name" ? [field.toJsonKey!, field.name] : [field.name, field.toJsonKey!];
        const value =
          field.json?.classRef !== undefined
            ? view(classOf(runtime, field.json.classRef), from, `${source}.${read}`, `${indent}  `)
            : `${source}.${read}`;
        return `${indent}  ${to}: ${value},`;
      })
      .join("\n")}\n${indent}}`;
  const functions = [
    [
      "function fromHeaders(headers, options) {",
      "  const path = pathOption(PATHS, options);",
      "  const h = readInvocation(headers, path);",
      `  return h.built(${fromHeaders(root, "  ")});`,
      "}",
    ],
    [
      "function toHeaders(context) {",
      "  assertFCContext(context);",
      "  return sent({",
      ...headerFields(runtime).map(({ header, path, field }) =>
        isDecoded(runtime, field)
          ? `    ${JSON.stringify(header)}: baggageHeader(\n      context.${path.join(".")},\n      runtime,\n` +
            `      ${JSON.stringify(`/${path.join("/")}`)},\n    ),`
          : `    ${JSON.stringify(header)}: headerText(context.${path.join(".")}),`,
      ),
      "  });",
      "}",
    ],
  ];
  if (serializes(runtime)) {
    functions.push(
      [
        "function toJsonView(context) {",
        "  assertFCContext(context);",
        `  return ${view(root, "name", "context", "  ")};`,
        "}",
      ],
      [
        "function fromJsonView(json) {",
        "  assertFCContextJSON(json);",
        `  return ${view(root, "key", "json", "  ")};`,
        "}",
      ],
    );
  }
  return functions.map((fn) => fn.join("\n").split("\n"));
}

/** The reading of one attribute, straight from the model: nested class, int conversion, baggage or text. */
function headerValue(
  runtime: Runtime,
  _cls: PyClass,
  field: Field,
  indent: string,
  nested: (cls: PyClass, indent: string) => string,
): string {
  if (field.json?.classRef !== undefined) return nested(classOf(runtime, field.json.classRef), indent);
  if (field.header === undefined) return "null";
  const header = JSON.stringify(field.header);
  if (field.fromHeader !== undefined) return `h.number(${header}, path.convert[${header}])`;
  if (isDecoded(runtime, field)) return `h.baggage(${header})`;
  return `h.text(${header})`;
}

/** The runtime id a module follows: all a module that shares another's declarations declares itself. */
function runtimeIdDeclaration(runtime: Runtime): string {
  const id = JSON.stringify(runtime.id);
  return `/** The FC runtime id these converters follow. */\nexport declare const runtime: ${id};\n`;
}

/** The declarations of a runtime's converters, worded for every runtime that shares its model. */
function wireDeclarations(model: Model, runtime: Runtime, sharers: readonly Runtime[]): string {
  const json = serializes(runtime);
  const builds = `${theRuntimes(sharers)} ${sharers.length === 1 ? "builds" : "build"}`;
  const ids = sharers.map((sharer) => sharer.id);
  const contextOf = ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(", ")} or ${ids.at(-1)!}`;
  return `${banner(model, runtime, "//")}
import type {
  FCContext,
  FCContextFromConcurrentHeaders,
  FCContextFromHeaders,
  FCHeaders,${json ? "\n  FCContextJSON," : ""}
} from "@fc-context/types/${runtime.id}";
import type { FromHeadersOptions, HeaderInput } from "./wire-runtime.js";

export { FCHeaderError, type FromHeadersOptions, type HeaderInput, type InvocationPath } from "./wire-runtime.js";
${runtimeIdDeclaration(runtime)}/** Where the secret values sit in the attribute view (mask them in any output). */
export declare const secretPaths: readonly (readonly string[])[];
/** The headers that carry secrets. */
export declare const secretHeaders: readonly string[];

${jsDoc(
  `The context ${builds} from an invocation's x-fc-* headers on the default invocation path ` +
    `(instance concurrency 1): names case-insensitive, the first of repeated values, values trimmed, an ` +
    `absent text header as "", timeout and retry count parsed as the native client does, the memory ` +
    `through Python's int(), the baggage decoded as CPython decodes it. Throws FCHeaderError, and nothing ` +
    `else: where the runtime posts an error (outcome "error") or never runs the handler ("not-invoked"), ` +
    `and for input that is not headers ("input": a value that is not text, a name that is not text, ` +
    `input that throws when read).`,
)}
export declare function fromHeaders(
  headers: HeaderInput,
  options?: { readonly path?: "default" },
): FCContextFromHeaders;
${jsDoc(
  `The context ${builds} on the concurrent invocation path (instance concurrency above 1): repeated ` +
    `values joined with ", ", only leading spaces dropped, values read as Latin-1, an absent text header ` +
    `as null, the ints through Python's int().`,
)}
export declare function fromHeaders(
  headers: HeaderInput,
  options: { readonly path: "concurrent" },
): FCContextFromConcurrentHeaders;
/** fromHeaders on the path the options name, when the caller knows it only at run time. */
export declare function fromHeaders(
  headers: HeaderInput,
  options?: FromHeadersOptions,
): FCContextFromHeaders | FCContextFromConcurrentHeaders;

${jsDoc(
  `The x-fc-* headers an emulator sends for a context, the lines Python's to_headers writes: null and ` +
    `empty baggage are not sent, ints in all their digits, the baggage as base64 of json.dumps's text. ` +
    `Includes the secret headers. Throws FCContextValidationError when context is not a valid ${contextOf} ` +
    `context (check it first with isFCContext from @fc-context/validators).`,
)}
export declare function toHeaders(context: FCContext): FCHeaders & Readonly<Record<string, string>>;
${
  json
    ? `
/**
 * The to_json() view of a context: the runtime's camelCase keys, secrets included. Throws
 * FCContextValidationError when context is not valid.
 */
export declare function toJsonView(context: FCContext): FCContextJSON;

/**
 * The attribute view of a to_json() view. Throws FCContextValidationError when json is not a valid
 * to_json() view.
 */
export declare function fromJsonView(json: FCContextJSON): FCContext;
`
    : ""
}`;
}
