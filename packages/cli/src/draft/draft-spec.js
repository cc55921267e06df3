// A first spec file for a runtime the spec does not have yet, written from a probe report. It
// reuses what the spec already says wherever the report matches it (the nearest runtime's
// classes, fields, aliases and methods, and the shared field definitions they point at) and
// marks everything a maintainer must still write with a value starting with DRAFT, which the
// generator refuses, naming each one, until it is filled.
import path from "node:path";
import { compareReport } from "../conformance/compare.js";

export const DRAFT = "DRAFT";
const SOURCE_GAP = [DRAFT];
const JSON_TYPE = { str: "string", int: "integer", float: "number", bool: "boolean", dict: "object", list: "array" };

/**
 * The draft of runtime `id` from `report`: { file, spec, gaps, nearest }. `readSpecFile(file)`
 * returns the parsed JSON of a spec file by its repository path (as the manifest names them).
 */
export function draftSpec(report, manifest, readSpecFile, id) {
  const nearest = nearestRuntime(report, manifest);
  const drift = compareReport(report, nearest);
  const version = /^python(\d+)\.(\d+)$/.exec(id);
  const pythonVersion = version ? `${version[1]}.${version[2]}` : id === "python3" ? "3.6" : `${DRAFT}: the Python version of ${id}`;
  const header = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://fc-context.dev/schemas/${manifest.specVersion}/${id}.schema.json`,
    "x-spec-version": manifest.specVersion,
    title: nearest.root,
    description: `The context object of the FC \`${id}\` runtime, in its attribute view: every attribute the runtime sets, None as null.`,
  };
  const runtime = {
    id,
    aliases: [],
    pythonVersion,
    pythonModule: version ? `py${version[1]}${version[2]}` : `${DRAFT}: a Python module name such as py313`,
    description: `${DRAFT}: what sets ${id} apart. Drafted from a probe report; the nearest runtime is ${nearest.id}, ${plural(drift.length, "difference")} away.`,
    "x-source": SOURCE_GAP,
  };
  const reader = specReader(readSpecFile);
  const root = nearest.classes.find((cls) => cls.name === nearest.root);
  if (drift.length === 0) {
    // the runtime is one the spec knows under another id: point at its classes
    const spec = { ...header, "x-runtime": runtime, $ref: refFromSpecRoot(root.at.file, root.at.pointer) };
    return { file: `spec/${id}.schema.json`, spec, gaps: countGaps(spec), nearest: nearest.id };
  }
  const serializes = report.to_json != null && report.to_json.keys !== undefined;
  const context = { report, nearest, reader, serializes, toJsonKeys: serializes ? keysByClass(report, nearest) : new Map() };
  const defs = {};
  for (const name of reportClasses(report)) defs[name] = draftClass(context, name);
  const paths = reader.node(root.at.file, "/x-invocation-paths");
  const spec = {
    ...header,
    ...(paths !== undefined && { "x-invocation-paths": draftPaths(paths, id, nearest.id) }),
    "x-runtime": runtime,
    $ref: `#/$defs/${report.context.class}`,
    $defs: defs,
  };
  return { file: `spec/${id}.schema.json`, spec, gaps: countGaps(spec), nearest: nearest.id };
}

/** The runtime with the fewest differences from the report; the newest wins a tie. */
function nearestRuntime(report, manifest) {
  let best;
  for (const runtime of manifest.runtimes) {
    const count = compareReport(report, runtime).length;
    if (best === undefined || count <= best.count) best = { runtime, count };
  }
  return best.runtime;
}

/** Class names in the order the context reaches them. */
function reportClasses(report) {
  const names = [];
  const visit = (node) => {
    if (!names.includes(node.class)) names.push(node.class);
    for (const value of Object.values(node.attributes)) if (value.class !== undefined) visit(value);
  };
  visit(report.context);
  return names;
}

function findNode(report, name) {
  let found;
  const visit = (node) => {
    if (found !== undefined) return;
    if (node.class === name) found = node;
    else for (const value of Object.values(node.attributes)) if (value.class !== undefined) visit(value);
  };
  visit(report.context);
  return found;
}

function draftClass(context, name) {
  const { report, nearest, reader } = context;
  const node = findNode(report, name);
  const described = report.classes?.[name] ?? {};
  const known = nearest.classes.find((cls) => cls.name === name);
  const knownNode = known && reader.node(known.at.file, known.at.pointer);
  const aliasAttributes = new Set((known?.aliases ?? []).filter((a) => a.kind === "attribute").map((a) => a.name));
  const properties = {};
  const pythonAttributes = {};
  // the nearest class's order first, then what it does not have, as vars() sorted them
  const order = (name) => {
    const index = known?.fields.findIndex((f) => f.name === name) ?? -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const attributes = Object.entries(node.attributes).sort(([a], [b]) => order(a) - order(b));
  for (const [attribute, value] of attributes) {
    if (aliasAttributes.has(attribute)) continue;
    const field = known?.fields.find((f) => f.name === attribute && accepted(f, value));
    if (value.type === "Logger" || (field !== undefined && !field.view)) {
      pythonAttributes[attribute] = field ? reused(context, field) : { $ref: "shared/fields.schema.json#/$defs/logger", "x-source": SOURCE_GAP };
    } else properties[attribute] = field ? reused(context, field) : newField(context, name, attribute, value);
  }
  return {
    type: "object",
    "x-python-class": name,
    description: knownNode?.description ?? `${DRAFT}: describe ${name}`,
    "x-source": SOURCE_GAP,
    "x-constructor": draftConstructor(described.constructor, known, node, aliasAttributes),
    ...optional("x-aliases", draftAliases(described.properties ?? [], known, aliasAttributes, node)),
    ...optional("x-methods", draftMethods(context, described.methods ?? [], known)),
    properties,
    ...optional("x-python-attributes", Object.keys(pythonAttributes).length ? pythonAttributes : []),
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
const optional = (key, value) => (Array.isArray(value) && value.length === 0 ? {} : { [key]: value });

/** Does the spec's field take the value the report shows? */
function accepted(field, value) {
  if (value.class !== undefined) return field.accepts.classes.includes(value.class);
  return field.accepts.any || field.accepts.types.includes(value.type) || (value.type === "NoneType" && field.none.default);
}

/** A field the spec already has, copied with its references made to work from the new file. */
function reused(context, field) {
  const copied = context.reader.copy(field.at.file, field.at.pointer);
  if (!context.serializes) delete copied["x-to-json"];
  return { ...copied, "x-source": SOURCE_GAP };
}

/**
 * Per class, the to_json() keys the report shows that no field the spec already has claims: a new
 * field may be written under one of them.
 */
function keysByClass(report, nearest) {
  const root = nearest.classes.find((cls) => cls.name === nearest.root);
  const unclaimed = (keys, cls) => keys.filter((key) => !(cls?.fields ?? []).some((f) => f.toJsonKey === key));
  const out = new Map([[report.context.class, unclaimed(report.to_json.keys, root)]]);
  for (const field of root.fields.filter((f) => f.toJsonKey !== undefined && f.accepts.classes.length === 1)) {
    const keys = report.to_json.nested?.[field.toJsonKey];
    const value = report.context.attributes[field.name];
    if (keys !== undefined && value?.class !== undefined) {
      out.set(value.class, unclaimed(keys, nearest.classes.find((cls) => cls.name === field.accepts.classes[0])));
    }
  }
  return out;
}

function newField(context, className, name, value) {
  const free = context.toJsonKeys.get(className);
  const key = free === undefined ? undefined
    : free.length > 0 ? `${DRAFT}: the key to_json() writes ${name} under, one of ${free.join(", ")}`
    : `${DRAFT}: the key of ${name} in to_json(); the report shows none free, and the spec needs one for every attribute of a class with to_json()`;
  const serialized = key === undefined ? {} : { "x-to-json": key };
  if (value.class !== undefined) {
    return { $ref: `#/$defs/${value.class}`, description: `${DRAFT}: describe ${name}`, ...serialized, "x-source": SOURCE_GAP };
  }
  const type = JSON_TYPE[value.type] ?? `${DRAFT}: the runtime gave ${value.type}; write its JSON types (with "null" and x-null-when if None is possible)`;
  return {
    type,
    description: `${DRAFT}: describe ${name}, and add x-header if a request header fills it`,
    ...(value.secret ? { "x-secret": true } : value.value !== undefined && value.value !== null && { examples: [value.value] }),
    ...serialized,
    "x-source": SOURCE_GAP,
  };
}

function draftConstructor(params, known, node, aliasAttributes) {
  if (!Array.isArray(params)) return [{ name: `${DRAFT}: inspect could not read the constructor`, fills: DRAFT }];
  const drafted = params.map((param) => {
    const same = known?.constructor.params.find((p) => p.name === param.name);
    const fills = same?.fills ?? (param.name in node.attributes ? param.name : `${DRAFT}: the attribute ${param.name} fills`);
    const out = { name: param.name, fills };
    if (same?.via !== undefined) out.via = same.via;
    if (param.default !== undefined) out.default = parseDefault(param.default);
    return out;
  });
  // the spec has every attribute set by a constructor parameter; the runtime may not
  const filled = new Set(drafted.map((param) => param.fills));
  const unfilled = Object.keys(node.attributes).filter((name) => !filled.has(name) && !aliasAttributes.has(name));
  const gaps = unfilled.map((name) => ({ name: `${DRAFT}: the parameter that fills ${name}; no parameter of the runtime's has its name`, fills: name }));
  return [...drafted, ...gaps];
}

/** A default as the report writes it (Python's repr), as JSON. */
function parseDefault(text) {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === "None") return null;
  if (text === "True" || text === "False") return text === "True";
  const quoted = /^'([^'\\]*)'$/.exec(text);
  return quoted ? quoted[1] : `${DRAFT}: the default ${text}`;
}

function draftAliases(properties, known, aliasAttributes, node) {
  const out = [];
  for (const name of aliasAttributes) if (name in node.attributes) out.push(knownAlias(known, name));
  for (const name of properties) {
    const alias = known?.aliases.find((a) => a.name === name && a.kind === "property");
    out.push(alias ? knownAlias(known, name) : { name, of: `${DRAFT}: the attribute ${name} returns`, kind: "property", description: `${DRAFT}: describe ${name}` });
  }
  return out;
}

function knownAlias(known, name) {
  const alias = known.aliases.find((a) => a.name === name);
  return { name, of: alias.of, kind: alias.kind, description: alias.description ?? `${DRAFT}: describe ${name}` };
}

function draftMethods(context, methods, known) {
  return methods.map((method) => {
    const index = known?.methods.findIndex((m) => m.name === method.name) ?? -1;
    if (index >= 0) {
      const copied = context.reader.copy(known.methodsAt.file, `${known.methodsAt.pointer}/${index}`);
      return { ...copied, "x-source": SOURCE_GAP };
    }
    return {
      name: method.name,
      params: Array.isArray(method.params) ? method.params.map((p) => ({ name: p.name, "x-python-type": `${DRAFT}: its type` })) : [],
      returns: `${DRAFT}: the Python type ${method.name}() returns`,
      "x-behavior": `${DRAFT}: a named behaviour (spec/README.md); a new one needs the generator to learn it`,
      description: `${DRAFT}: describe ${method.name}()`,
      "x-source": SOURCE_GAP,
    };
  });
}

function draftPaths(paths, id, from) {
  return Object.fromEntries(
    Object.entries(paths).map(([name, rules]) => [
      name,
      { ...structuredClone(rules), description: `${DRAFT}: confirm how ${id} reads headers on the ${name} path, then say it here. ${from}'s words: ${rules.description}`, "x-source": SOURCE_GAP },
    ]),
  );
}

function countGaps(value) {
  if (typeof value === "string") return value.startsWith(DRAFT) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((sum, item) => sum + countGaps(item), 0);
  if (value !== null && typeof value === "object") return Object.values(value).reduce((sum, item) => sum + countGaps(item), 0);
  return 0;
}

/** A spec folder path ("spec/shared/classic.schema.json") as a reference from spec/ itself. */
function refFromSpecRoot(file, pointer) {
  return `${file.replace(/^spec\//, "")}#${pointer}`;
}

/**
 * Reads nodes of the spec files and copies them for the draft, which lives in spec/: a reference
 * inside a copy is rewritten to work from there; one to a class becomes the draft's own class.
 */
function specReader(readSpecFile) {
  const resolve = (file, pointer) => {
    let node = readSpecFile(file);
    for (const token of pointer.split("/").slice(1)) {
      if (node === undefined || node === null) return undefined;
      node = node[token.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  };
  const rebase = (value, file) => {
    if (Array.isArray(value)) return value.map((item) => rebase(item, file));
    if (value === null || typeof value !== "object") return value;
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = key === "$ref" && typeof item === "string" ? rebaseRef(item, file) : rebase(item, file);
    return out;
  };
  const rebaseRef = (ref, file) => {
    const [target, pointer = ""] = ref.split("#");
    const targetFile = target === "" ? file : path.posix.join(path.posix.dirname(file), target);
    const node = resolve(targetFile, pointer);
    if (node !== null && typeof node === "object" && typeof node["x-python-class"] === "string") return `#/$defs/${node["x-python-class"]}`;
    return refFromSpecRoot(targetFile, pointer);
  };
  return {
    node: resolve,
    copy: (file, pointer) => rebase(resolve(file, pointer), file),
  };
}
