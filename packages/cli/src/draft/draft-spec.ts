// A first spec file for a runtime the spec does not have yet, written from a probe report. It
// reuses what the spec already says wherever the report matches it (the nearest runtime's
// classes, fields, aliases and methods, and the shared field definitions they point at) and
// marks everything a maintainer must still write with a value starting with DRAFT, which the
// generator refuses, naming each one, until it is filled.
import path from "node:path";
import { compareReport } from "../conformance/compare.js";
import { classDescription } from "../conformance/report.js";
import {
  type Drift,
  isTree,
  type Manifest,
  type ManifestClass,
  type ManifestField,
  type ManifestRuntime,
  type Node,
  type Report,
  type ReportClass,
  type TreeNode,
} from "../conformance/types.js";
import { setOwn } from "../io.js";

export const DRAFT = "DRAFT";
const SOURCE_GAP = [DRAFT];
const JSON_TYPE: Record<string, string> = {
  str: "string",
  int: "integer",
  float: "number",
  bool: "boolean",
  dict: "object",
  list: "array",
};

type Json = Record<string, unknown>;
/** Reads a spec file's JSON by its repository path, as the manifest names them ("spec/shared/..."). */
export type SpecFileReader = (file: string) => unknown;

export interface Draft {
  readonly file: string;
  readonly spec: Json;
  readonly gaps: number;
  readonly nearest: string;
}

interface Context {
  readonly report: Report;
  readonly nearest: ManifestRuntime;
  readonly reader: SpecReader;
  readonly serializes: boolean;
  readonly toJsonKeys: ReadonlyMap<string, readonly string[]>;
}

export function draftSpec(report: Report, manifest: Manifest, readSpecFile: SpecFileReader, id: string): Draft {
  const { runtime: nearest, drift } = nearestRuntime(report, manifest);
  const version = /^python(\d+)\.(\d+)$/.exec(id);
  const pythonVersion = version
    ? `${version[1]}.${version[2]}`
    : id === "python3"
      ? "3.6"
      : `${DRAFT}: the Python version of ${id}`;
  const header = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://fc-context.dev/schemas/${manifest.specVersion}/${id}.schema.json`,
    "x-spec-version": manifest.specVersion,
    title: nearest.root,
    description:
      `The context object of the FC \`${id}\` runtime, in its attribute view: every attribute the runtime ` +
      `sets, None as null.`,
  };
  const runtime = {
    id,
    aliases: [],
    pythonVersion,
    pythonModule: version ? `py${version[1]}${version[2]}` : `${DRAFT}: a Python module name such as py313`,
    description:
      `${DRAFT}: what sets ${id} apart. Drafted from a probe report; the nearest runtime is ` +
      `${nearest.id}, ${plural(drift.length, "difference")} away.`,
    "x-source": SOURCE_GAP,
  };
  const reader = specReader(readSpecFile);
  const root = nearest.classes.find((cls) => cls.name === nearest.root)!;
  if (drift.length === 0) {
    // the runtime is one the spec knows under another id: point at its classes
    const spec = { ...header, "x-runtime": runtime, $ref: refFromSpecRoot(root.at.file, root.at.pointer) };
    return { file: `spec/${id}.schema.json`, spec, gaps: countGaps(spec), nearest: nearest.id };
  }
  const serializes = report.to_json != null && report.to_json.keys !== undefined;
  const context: Context = {
    report,
    nearest,
    reader,
    serializes,
    toJsonKeys: serializes ? keysByClass(report, nearest) : new Map(),
  };
  const defs: Json = {};
  for (const name of reportClasses(report)) setOwn(defs, name, draftClass(context, name));
  const paths = reader.node(root.at.file, "/x-invocation-paths");
  const spec = {
    ...header,
    ...(paths !== undefined && { "x-invocation-paths": draftPaths(paths as Record<string, Json>, id, nearest.id) }),
    "x-runtime": runtime,
    $ref: `#/$defs/${report.context.class}`,
    $defs: defs,
  };
  return { file: `spec/${id}.schema.json`, spec, gaps: countGaps(spec), nearest: nearest.id };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The runtime with the fewest differences from the report; the newest wins a tie. */
function nearestRuntime(report: Report, manifest: Manifest): { runtime: ManifestRuntime; drift: Drift[] } {
  let best: { runtime: ManifestRuntime; drift: Drift[] } | undefined;
  for (const runtime of manifest.runtimes) {
    const drift = compareReport(report, runtime);
    if (best === undefined || drift.length <= best.drift.length) best = { runtime, drift };
  }
  return best!;
}

/** Class names in the order the context reaches them. */
function reportClasses(report: Report): string[] {
  const names: string[] = [];
  const visit = (node: TreeNode) => {
    if (!names.includes(node.class)) names.push(node.class);
    for (const value of Object.values(node.attributes)) if (isTree(value)) visit(value);
  };
  visit(report.context);
  return names;
}

function findNode(report: Report, name: string): TreeNode {
  const visit = (node: TreeNode): TreeNode | undefined => {
    if (node.class === name) return node;
    for (const value of Object.values(node.attributes)) {
      const found = isTree(value) ? visit(value) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(report.context)!;
}

/**
 * Per class, the to_json() keys the report shows that no field the spec already has claims: a new
 * field may be written under one of them.
 */
function keysByClass(report: Report, nearest: ManifestRuntime): Map<string, readonly string[]> {
  const toJson = report.to_json!;
  const root = nearest.classes.find((cls) => cls.name === nearest.root)!;
  const unclaimed = (keys: readonly string[], cls: ManifestClass | undefined) =>
    keys.filter((key) => !(cls?.fields ?? []).some((f) => f.toJsonKey === key));
  const out = new Map<string, readonly string[]>([[report.context.class, unclaimed(toJson.keys ?? [], root)]]);
  for (const field of root.fields.filter((f) => f.toJsonKey !== undefined && f.accepts.classes.length === 1)) {
    const keys = toJson.nested?.[field.toJsonKey!];
    const value = report.context.attributes[field.name];
    if (keys !== undefined && value !== undefined && isTree(value)) {
      out.set(
        value.class,
        unclaimed(
          keys,
          nearest.classes.find((cls) => cls.name === field.accepts.classes[0]),
        ),
      );
    }
  }
  return out;
}

function draftClass(context: Context, name: string): Json {
  const { report, nearest, reader } = context;
  const node = findNode(report, name);
  const described: Partial<ReportClass> = classDescription(report, name) ?? {};
  const known = nearest.classes.find((cls) => cls.name === name);
  const knownNode = known && (reader.node(known.at.file, known.at.pointer) as Json | undefined);
  const aliasAttributes = new Set((known?.aliases ?? []).filter((a) => a.kind === "attribute").map((a) => a.name));
  const properties: Json = {};
  const pythonAttributes: Json = {};
  // the nearest class's order first, then what it does not have, as vars() sorted them
  const order = (attribute: string) => {
    const index = known?.fields.findIndex((f) => f.name === attribute) ?? -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const attributes = Object.entries(node.attributes).sort(([a], [b]) => order(a) - order(b));
  for (const [attribute, value] of attributes) {
    if (aliasAttributes.has(attribute)) continue;
    const field = known?.fields.find((f) => f.name === attribute && accepted(f, value));
    const isLogger = !isTree(value) && value.type === "Logger";
    if (isLogger || (field !== undefined && !field.view)) {
      const logger = { $ref: "shared/fields.schema.json#/$defs/logger", "x-source": SOURCE_GAP };
      setOwn(pythonAttributes, attribute, field ? reused(context, field) : logger);
    } else setOwn(properties, attribute, field ? reused(context, field) : newField(context, name, attribute, value));
  }
  return {
    type: "object",
    "x-python-class": name,
    description: (knownNode?.description as string | undefined) ?? `${DRAFT}: describe ${name}`,
    "x-source": SOURCE_GAP,
    "x-constructor": draftConstructor(described.constructor, known, node, aliasAttributes),
    ...nonEmpty("x-aliases", draftAliases(described.properties ?? [], known, aliasAttributes, node)),
    ...nonEmpty("x-methods", draftMethods(context, described.methods ?? [], known)),
    properties,
    ...(Object.keys(pythonAttributes).length > 0 && { "x-python-attributes": pythonAttributes }),
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

const nonEmpty = (key: string, value: readonly unknown[]): Json => (value.length === 0 ? {} : { [key]: value });

/** Does the spec's field take the value the report shows? */
function accepted(field: ManifestField, value: Node): boolean {
  if (isTree(value)) return field.accepts.classes.includes(value.class);
  if (value.type === undefined) return false;
  return (
    field.accepts.any || field.accepts.types.includes(value.type) || (value.type === "NoneType" && field.none.default)
  );
}

/** A field the spec already has, copied with its references made to work from the new file. */
function reused(context: Context, field: ManifestField): Json {
  const copied = context.reader.copy(field.at.file, field.at.pointer) as Json;
  if (!context.serializes) delete copied["x-to-json"];
  return { ...copied, "x-source": SOURCE_GAP };
}

function newField(context: Context, className: string, name: string, value: Node): Json {
  const free = context.toJsonKeys.get(className);
  const key =
    free === undefined
      ? undefined
      : free.length > 0
        ? `${DRAFT}: the key to_json() writes ${name} under, one of ${free.join(", ")}`
        : `${DRAFT}: the key of ${name} in to_json(); the report shows none free, and the spec needs one for every ` +
          `attribute of a class with to_json()`;
  const serialized = key === undefined ? {} : { "x-to-json": key };
  if (isTree(value))
    return {
      $ref: `#/$defs/${value.class}`,
      description: `${DRAFT}: describe ${name}`,
      ...serialized,
      "x-source": SOURCE_GAP,
    };
  const given = value.type === undefined ? `an error (${value.error?.type ?? "unknown"})` : value.type;
  const type =
    (value.type !== undefined && Object.hasOwn(JSON_TYPE, value.type) ? JSON_TYPE[value.type] : undefined) ??
    `${DRAFT}: the runtime gave ${given}; write its JSON types (with "null" and x-null-when if None is possible)`;
  const example =
    value.secret === true
      ? { "x-secret": true }
      : value.value !== undefined && value.value !== null
        ? { examples: [value.value] }
        : {};
  return {
    type,
    description: `${DRAFT}: describe ${name}`,
    // the generator refuses an attribute that is never None and that no header fills
    "x-header":
      `${DRAFT}: the x-fc-* request header that fills ${name}; if none does, remove this and add "null" to its ` +
      "types with an x-null-when (from headers it would be None)",
    ...example,
    ...serialized,
    "x-source": SOURCE_GAP,
  };
}

function draftConstructor(
  params: ReportClass["constructor"] | undefined,
  known: ManifestClass | undefined,
  node: TreeNode,
  aliasAttributes: ReadonlySet<string>,
): Json[] {
  if (!Array.isArray(params)) return [{ name: `${DRAFT}: inspect could not read the constructor`, fills: DRAFT }];
  const drafted = (params as readonly { name: string; default?: string }[]).map((param) => {
    const same = known?.constructor.params.find((p) => p.name === param.name);
    const fills =
      same?.fills ?? (param.name in node.attributes ? param.name : `${DRAFT}: the attribute ${param.name} fills`);
    return {
      name: param.name,
      fills,
      ...(same?.via !== undefined && { via: same.via }),
      ...(param.default !== undefined && { default: parseDefault(param.default) }),
    };
  });
  // the spec has every attribute set by a constructor parameter; the runtime may not
  const filled = new Set(drafted.map((param) => param.fills));
  const unfilled = Object.keys(node.attributes).filter((name) => !filled.has(name) && !aliasAttributes.has(name));
  return [
    ...drafted,
    ...unfilled.map((name) => ({
      name: `${DRAFT}: the parameter that fills ${name}; no parameter of the runtime's has its name`,
      fills: name,
    })),
  ];
}

/** A default as the report writes it (Python's repr), as JSON. */
function parseDefault(text: string): unknown {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === "None") return null;
  if (text === "True" || text === "False") return text === "True";
  const quoted = /^'([^'\\]*)'$/.exec(text);
  return quoted ? quoted[1] : `${DRAFT}: the default ${text}`;
}

function draftAliases(
  properties: readonly string[],
  known: ManifestClass | undefined,
  aliasAttributes: ReadonlySet<string>,
  node: TreeNode,
): Json[] {
  const out: Json[] = [];
  for (const name of aliasAttributes) if (name in node.attributes) out.push(knownAlias(known!, name));
  for (const name of properties) {
    const alias = known?.aliases.find((a) => a.name === name && a.kind === "property");
    out.push(
      alias
        ? knownAlias(known!, name)
        : {
            name,
            of: `${DRAFT}: the attribute ${name} returns`,
            kind: "property",
            description: `${DRAFT}: describe ${name}`,
          },
    );
  }
  return out;
}

function knownAlias(known: ManifestClass, name: string): Json {
  const alias = known.aliases.find((a) => a.name === name)!;
  return { name, of: alias.of, kind: alias.kind, description: alias.description ?? `${DRAFT}: describe ${name}` };
}

function draftMethods(
  context: Context,
  methods: NonNullable<ReportClass["methods"]>,
  known: ManifestClass | undefined,
): Json[] {
  return methods.map((method) => {
    const index = known?.methods.findIndex((m) => m.name === method.name) ?? -1;
    if (known !== undefined && index >= 0) {
      return {
        ...(context.reader.copy(known.methodsAt.file, `${known.methodsAt.pointer}/${index}`) as Json),
        "x-source": SOURCE_GAP,
      };
    }
    return {
      name: method.name,
      params: Array.isArray(method.params)
        ? method.params.map((p: { name: string }) => ({ name: p.name, "x-python-type": `${DRAFT}: its type` }))
        : [],
      returns: `${DRAFT}: the Python type ${method.name}() returns`,
      "x-behavior": `${DRAFT}: a named behaviour (spec/README.md); a new one needs the generator to learn it`,
      description: `${DRAFT}: describe ${method.name}()`,
      "x-source": SOURCE_GAP,
    };
  });
}

function draftPaths(paths: Record<string, Json>, id: string, from: string): Json {
  return Object.fromEntries(
    Object.entries(paths).map(([name, rules]) => [
      name,
      {
        ...structuredClone(rules),
        description:
          `${DRAFT}: confirm how ${id} reads headers on the ${name} path, then say it here. ${from}'s ` +
          `words: ${String(rules.description)}`,
        "x-source": SOURCE_GAP,
      },
    ]),
  );
}

function countGaps(value: unknown): number {
  if (typeof value === "string") return value.startsWith(DRAFT) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countGaps(item), 0);
  if (value !== null && typeof value === "object")
    return Object.values(value).reduce((sum: number, item) => sum + countGaps(item), 0);
  return 0;
}

/** A spec folder path ("spec/shared/classic.schema.json") as a reference from spec/ itself. */
function refFromSpecRoot(file: string, pointer: string): string {
  return `${file.replace(/^spec\//, "")}#${pointer}`;
}

interface SpecReader {
  node(file: string, pointer: string): unknown;
  copy(file: string, pointer: string): unknown;
}

/**
 * Reads nodes of the spec files and copies them for the draft, which lives in spec/: a reference
 * inside a copy is rewritten to work from there; one to a class becomes the draft's own class.
 */
function specReader(readSpecFile: SpecFileReader): SpecReader {
  const resolve = (file: string, pointer: string): unknown => {
    let node: unknown = readSpecFile(file);
    for (const token of pointer.split("/").slice(1)) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Json)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  };
  const rebaseRef = (ref: string, file: string): string => {
    const [target = "", pointer = ""] = ref.split("#");
    const targetFile = target === "" ? file : path.posix.join(path.posix.dirname(file), target);
    const node = resolve(targetFile, pointer);
    const className = node !== null && typeof node === "object" ? (node as Json)["x-python-class"] : undefined;
    return typeof className === "string" ? `#/$defs/${className}` : refFromSpecRoot(targetFile, pointer);
  };
  const rebase = (value: unknown, file: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => rebase(item, file));
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === "$ref" && typeof item === "string" ? rebaseRef(item, file) : rebase(item, file),
      ]),
    );
  };
  return { node: resolve, copy: (file, pointer) => rebase(resolve(file, pointer), file) };
}
