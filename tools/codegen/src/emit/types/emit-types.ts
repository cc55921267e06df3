import { compile } from "json-schema-to-typescript";
import { layoutOf } from "../../layout/layout.js";
import type { Field, Model, PathName, Runtime } from "../../model.js";
import { attributeFields, modelOwner, modelSharers } from "../../model.js";
import { aliasModule, banner, bannerComment, sharedModule, theRuntimes } from "../banner.js";
import { deriveClassSchema } from "../derive-json-schema.js";
import { namespaceOf } from "../names.js";
import { absentHeaderGivesNone, classOf, headerFields, leafType, readAsText, serializes } from "../wire-shapes.js";
import { jsDoc } from "../wrap-prose.js";
import { describeClass, describeField } from "./describe-field.js";
import { eventTypeFiles } from "./emit-event-types.js";

/**
 * @fc-context/types: one declaration module per runtime id (aliases re-export their runtime)
 * and a root module with Runtime and ContextOf. Each class compiles on its own through
 * json-schema-to-typescript; a field holding another class names it with tsType, so every
 * interface keeps its Python class name and its own JSDoc (no Credentials1 duplicates).
 */
export async function emitTypes(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const runtime of model.runtimes) {
    const owner = modelOwner(model, runtime);
    files.set(
      `${runtime.id}.d.ts`,
      owner === runtime
        ? await runtimeDeclarations(model, runtime)
        : sharedModule(model, runtime, owner, `./${owner.id}.js`, constants(model, runtime, "d.ts")),
    );
    files.set(`${runtime.id}.js`, banner(model, runtime, "//") + constants(model, runtime, "js"));
    for (const alias of runtime.aliases) {
      const reexport = aliasModule(model, runtime, alias);
      files.set(`${alias}.d.ts`, reexport);
      files.set(`${alias}.js`, reexport);
    }
  }
  for (const [name, text] of await eventTypeFiles(model)) files.set(name, text);
  files.set("index.d.ts", rootDeclarations(model));
  files.set("index.js", rootModule(model));
  // the layout, for the tests and tools that loop over runtimes (@fc-context/types/layout.json)
  files.set(
    "layout.json",
    `${JSON.stringify({ $comment: bannerComment(model, undefined), ...layoutOf(model) }, null, 1)}\n`,
  );
  return files;
}

async function runtimeDeclarations(model: Model, runtime: Runtime): Promise<string> {
  const interfaces: string[] = [];
  for (const cls of runtime.classes) {
    const schema = deriveClassSchema(cls, { classRef: (name) => ({ tsType: name }), describe: describeField });
    schema.description = describeClass(cls);
    interfaces.push(await compile(schema, cls.name, { bannerComment: "", format: true, additionalProperties: false }));
  }
  const sharers = modelSharers(model, runtime);
  const parts = [
    banner(model, runtime, "//"),
    `${interfaces.join("\n").trimEnd()}\n`,
    wireDeclarations(runtime, sharers),
  ];
  return `${parts.join("\n")}\n${constants(model, runtime, "d.ts")}`;
}

function constants(model: Model, runtime: Runtime, kind: "js" | "d.ts"): string {
  const values: Array<[string, string, string]> = [
    ["runtime", runtime.id, "The FC runtime id these types describe."],
    ["pythonVersion", runtime.pythonVersion, "The Python version of the runtime."],
    ["specVersion", model.specVersion, "The version of the spec these types were generated from."],
    ["schemaId", runtime.schemaId, "The $id of the runtime's spec file."],
  ];
  return values
    .map(([name, value, doc]) =>
      kind === "js"
        ? `export const ${name} = ${JSON.stringify(value)};\n`
        : `/** ${doc} */\nexport declare const ${name}: ${JSON.stringify(value)};\n`,
    )
    .join("");
}

function allIds(model: Model): Array<{ id: string; runtime: Runtime }> {
  return model.runtimes.flatMap((runtime) => [runtime.id, ...runtime.aliases].map((id) => ({ id, runtime })));
}

function rootDeclarations(model: Model): string {
  const ids = allIds(model);
  const union = (values: string[]) => values.map((value) => JSON.stringify(value)).join(" | ");
  const aliases = ids.filter(({ id, runtime }) => id !== runtime.id);
  const canonicalOf = aliases.reduceRight(
    (rest, { id, runtime }) => `R extends ${JSON.stringify(id)} ? ${JSON.stringify(runtime.id)} : ${rest}`,
    "R",
  );
  return `${banner(model, undefined, "//")}
${ids.map(({ id }) => `export type * as ${namespaceOf(id)} from "./${id}.js";`).join("\n")}
${model.runtimes
  .map((runtime) => `import type { FCContext as ${namespaceOf(runtime.id)}Context } from "./${runtime.id}.js";`)
  .join("\n")}

/** Every FC Python runtime id fc-context describes, with the aliases FC accepts. */
export type Runtime = ${union(ids.map(({ id }) => id))};

/** The runtime ids without aliases: each names one model. */
export type CanonicalRuntime = ${union(model.runtimes.map((runtime) => runtime.id))};

/** The canonical id of a runtime id (${aliases.map(({ id, runtime }) => `${id} is ${runtime.id}`).join(", ")}). */
export type CanonicalOf<R extends Runtime> = ${canonicalOf};

/** The context type of each runtime id. */
export interface ContextMap {
${ids.map(({ id, runtime }) => `  ${JSON.stringify(id)}: ${namespaceOf(runtime.id)}Context;`).join("\n")}
}

/** The context object (attribute view) that runtime R passes to a handler. */
export type ContextOf<R extends Runtime> = ContextMap[R];

/** The version of the spec these types were generated from. */
export declare const specVersion: ${JSON.stringify(model.specVersion)};

/** The canonical runtime ids, oldest Python first. */
export declare const runtimes: readonly [${model.runtimes.map((runtime) => JSON.stringify(runtime.id)).join(", ")}];

/** Other ids FC accepts, and the runtime each means. */
export declare const runtimeAliases: { ${aliases
    .map(({ id, runtime }) => `readonly ${JSON.stringify(id)}: ${JSON.stringify(runtime.id)}`)
    .join("; ")} };

/** Every id FC accepts, each runtime followed by its aliases: what messages list as accepted. */
export declare const runtimeIds: readonly Runtime[];

/** True for every runtime id in Runtime, aliases included. */
export declare function isRuntime(id: unknown): id is Runtime;

/** The canonical id of a runtime id, or undefined for an id fc-context does not know. */
export declare function canonicalRuntime<R extends Runtime>(id: R): CanonicalOf<R>;
/** The canonical id of any text, or undefined when it is no runtime id fc-context knows. */
export declare function canonicalRuntime(id: string): CanonicalRuntime | undefined;
`;
}

function rootModule(model: Model): string {
  const aliases = allIds(model).filter(({ id, runtime }) => id !== runtime.id);
  return `${banner(model, undefined, "//")}
export const specVersion = ${JSON.stringify(model.specVersion)};

export const runtimes = Object.freeze([${model.runtimes.map((runtime) => JSON.stringify(runtime.id)).join(", ")}]);

export const runtimeAliases = Object.freeze({ ${aliases
    .map(({ id, runtime }) => `${JSON.stringify(id)}: ${JSON.stringify(runtime.id)}`)
    .join(", ")} });

export const runtimeIds = Object.freeze([${allIds(model)
    .map(({ id }) => JSON.stringify(id))
    .join(", ")}]);

export function isRuntime(id) {
  return canonicalRuntime(id) !== undefined;
}

export function canonicalRuntime(id) {
  if (typeof id !== "string") return undefined;
  if (Object.hasOwn(runtimeAliases, id)) return runtimeAliases[id];
  return runtimes.includes(id) ? id : undefined;
}
`;
}

/**
 * What one invocation path builds from headers, class by class: a text attribute is a string, or
 * null where the path gives None for an absent header; converted ints are numbers.
 */
function fromHeadersInterfaces(
  runtime: Runtime,
  sharers: readonly Runtime[],
  suffix: string,
  pathName: PathName,
): string[] {
  const path = runtime.paths[pathName];
  const build = `as ${theRuntimes(sharers)} ${sharers.length === 1 ? "builds" : "build"} it`;
  const doc =
    pathName === "default"
      ? `${build} from headers on the default path (instance concurrency 1): an absent text header gives "", so ` +
        `every value also fits the attribute view's type.`
      : `${build} from headers on the concurrent path (instance concurrency above 1): an absent text header gives ` +
        `null, even where the attribute view's type does not allow it.`;
  // text read from a header is a string on the default path, even where the attribute view allows null
  const leaf = (field: Field): string =>
    !readAsText(field, path) ? leafType(field) : absentHeaderGivesNone(field, path) ? "string | null" : "string";
  const fieldDoc = (cls: string, field: Field) =>
    field.header === undefined
      ? `  /** {@link ${cls}.${field.name}}, built from the headers of its attributes. */`
      : `  /** {@link ${cls}.${field.name}}, from the \`${field.header}\` header. */`;
  return runtime.classes.map(
    (cls) =>
      `${jsDoc(`${cls.name}, ${doc}`)}\nexport interface ${cls.name}${suffix} {\n${attributeFields(cls)
        .map(
          (field) =>
            `${fieldDoc(cls.name, field)}\n  ${field.name}: ` +
            `${field.json?.classRef !== undefined ? `${field.json.classRef}${suffix}` : leaf(field)};`,
        )
        .join("\n")}\n}`,
  );
}

/** The wire forms: the headers the runtime reads, what it builds from them, and the to_json() view. */
function wireDeclarations(runtime: Runtime, sharers: readonly Runtime[]): string {
  const read = `${theRuntimes(sharers)} ${sharers.length === 1 ? "builds" : "build"}`;
  const headers = headerFields(runtime);
  const out = [
    jsDoc(`The x-fc-* request headers ${read} the context from (names lower case).`),
    "export interface FCHeaders {",
    ...headers.map(
      ({ header, path }) => `  /** Fills \`${path.join(".")}\`. */\n  readonly ${JSON.stringify(header)}?: string;`,
    ),
    "}",
    "",
    ...fromHeadersInterfaces(runtime, sharers, "FromHeaders", "default"),
    ...fromHeadersInterfaces(runtime, sharers, "FromConcurrentHeaders", "concurrent"),
    ...(runtime.root === "FCContext"
      ? []
      : [
          `export type FCContextFromHeaders = ${runtime.root}FromHeaders;`,
          `export type FCContextFromConcurrentHeaders = ${runtime.root}FromConcurrentHeaders;`,
        ]),
    "",
  ];
  if (serializes(runtime)) {
    for (const cls of runtime.classes.filter((c) => attributeFields(c).every((f) => f.toJsonKey !== undefined))) {
      const what =
        cls === runtime.classes[0] ? "context.to_json()" : `${cls.name}.to_dict(), as it sits in context.to_json()`;
      const owner = `${upperFirst(theRuntimes(sharers))}${sharers.length === 1 ? "'s" : "'"}`;
      const members = attributeFields(cls).map((field) => {
        const type =
          field.json?.classRef !== undefined ? `${classOf(runtime, field.json.classRef).name}JSON` : leafType(field);
        return `  /** {@link ${cls.name}.${field.name}} under its to_json() key. */\n  ${field.toJsonKey}: ${type};`;
      });
      out.push(
        jsDoc(`${owner} ${what}: its camelCase keys, secrets included.`),
        `export interface ${cls.name}JSON {\n${members.join("\n")}\n}`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
