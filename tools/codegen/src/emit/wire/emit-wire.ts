import { readFileSync } from "node:fs";
import { attributeFields, type Model, type PyClass, type Runtime } from "../../model.js";
import { aliasModule, banner } from "../banner.js";
import { classOf, headerFields, leafFields, serializes } from "../wire-shapes.js";

const RUNTIME_SOURCE = readFileSync(new URL("./wire-runtime.js", import.meta.url), "utf8");
const RUNTIME_DECLARATIONS = readFileSync(new URL("./wire-runtime.d.ts", import.meta.url), "utf8");

/**
 * @fc-context/wire: per runtime, converters between the attribute view, the x-fc-* headers the
 * runtime reads, and the to_json() view, following the spec's rules (x-from-header, the baggage
 * decoder, to_json keys).
 */
export async function emitWire(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set("wire-runtime.js", `${banner(model, undefined, "//")}\n${RUNTIME_SOURCE}`);
  files.set("wire-runtime.d.ts", `${banner(model, undefined, "//")}\n${RUNTIME_DECLARATIONS}`);
  for (const runtime of model.runtimes) {
    files.set(`${runtime.id}.js`, wireModule(model, runtime));
    files.set(`${runtime.id}.d.ts`, wireDeclarations(model, runtime));
    for (const alias of runtime.aliases) {
      const reexport = aliasModule(model, runtime, alias);
      files.set(`${alias}.js`, reexport);
      files.set(`${alias}.d.ts`, reexport);
    }
  }
  return files;
}

function wireModule(model: Model, runtime: Runtime): string {
  const root = runtime.classes[0]!;
  const fromHeaders = (cls: PyClass, indent: string): string =>
    `{\n${attributeFields(cls)
      .map((field) => {
        let value: string;
        if (field.json?.classRef !== undefined) value = fromHeaders(classOf(runtime, field.json.classRef), `${indent}  `);
        else if (field.header === undefined) value = "null";
        else if (field.fromHeader === "int") value = `headerInt(h, ${JSON.stringify(field.header)})`;
        else if (cls.constructorParams.some((p) => p.fills === field.name && p.via !== undefined)) value = `decodeBaggage(get(h, ${JSON.stringify(field.header)}))`;
        else value = `get(h, ${JSON.stringify(field.header)})`;
        return `${indent}  ${field.name}: ${value},`;
      })
      .join("\n")}\n${indent}}`;
  const view = (cls: PyClass, from: "name" | "key", source: string, indent: string): string =>
    `{\n${attributeFields(cls)
      .map((field) => {
        const [to, read] = from === "name" ? [field.toJsonKey!, field.name] : [field.name, field.toJsonKey!];
        const value = field.json?.classRef !== undefined ? view(classOf(runtime, field.json.classRef), from, `${source}.${read}`, `${indent}  `) : `${source}.${read}`;
        return `${indent}  ${to}: ${value},`;
      })
      .join("\n")}\n${indent}}`;
  const lines = [
    banner(model, runtime, "//"),
    `import { decodeBaggage, get, headerInt, headerText, lowered, sent } from "./wire-runtime.js";`,
    "",
    `export { FCHeaderError } from "./wire-runtime.js";`,
    `export const runtime = ${JSON.stringify(runtime.id)};`,
    `export const secretPaths = Object.freeze(${JSON.stringify(leafFields(runtime).filter(({ field }) => field.secret).map(({ path }) => path))});`,
    `export const secretHeaders = Object.freeze(${JSON.stringify(headerFields(runtime).filter((h) => h.field.secret).map((h) => h.header))});`,
    "",
    "export function fromHeaders(headers) {",
    "  const h = lowered(headers);",
    `  return ${fromHeaders(root, "  ")};`,
    "}",
    "",
    "export function toHeaders(context) {",
    "  return sent({",
    ...headerFields(runtime).map(({ header, path }) => `    ${JSON.stringify(header)}: headerText(context.${path.join(".")}),`),
    "  });",
    "}",
  ];
  if (serializes(runtime)) {
    lines.push("", "export function toJsonView(context) {", `  return ${view(root, "name", "context", "  ")};`, "}", "", "export function fromJsonView(json) {", `  return ${view(root, "key", "json", "  ")};`, "}");
  }
  return `${lines.join("\n")}\n`;
}

function wireDeclarations(model: Model, runtime: Runtime): string {
  const json = serializes(runtime);
  return `${banner(model, runtime, "//")}
import type { FCContext, FCContextFromHeaders, FCHeaders${json ? ", FCContextJSON" : ""} } from "@fc-context/types/${runtime.id}";
import type { HeaderInput } from "./wire-runtime.js";

export { FCHeaderError, type HeaderInput } from "./wire-runtime.js";
/** The FC runtime id these converters follow. */
export declare const runtime: ${JSON.stringify(runtime.id)};
/** Where the secret values sit in the attribute view (mask them in any output). */
export declare const secretPaths: readonly (readonly string[])[];
/** The headers that carry secrets. */
export declare const secretHeaders: readonly string[];

/**
 * The context the ${runtime.id} runtime builds from an invocation's x-fc-* headers (names
 * case-insensitive): a missing header gives null, values stay as sent except where the runtime
 * converts them (int() of the memory), the baggage is decoded. Throws FCHeaderError where the
 * runtime's own conversion would fail. Check the result with isFCContext before use.
 */
export declare function fromHeaders(headers: HeaderInput): FCContextFromHeaders;

/** The x-fc-* headers an emulator sends for a context: null and empty baggage are not sent. Includes the secret headers. */
export declare function toHeaders(context: FCContext): FCHeaders & Readonly<Record<string, string>>;
${
  json
    ? `
/** The to_json() view of a context: the runtime's camelCase keys, secrets included. */
export declare function toJsonView(context: FCContext): FCContextJSON;

/** The attribute view of a to_json() view. */
export declare function fromJsonView(json: FCContextJSON): FCContext;
`
    : ""
}`;
}

