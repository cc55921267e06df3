import type { SpecFile } from "../load/load-spec.js";
import type { Constraints, Field, JsonKind, JsonShape, PyType, SourceKey, VendorClaim } from "../model.js";
import { admitsNone, formatPythonType } from "../model-python.js";
import { issueAt, type SpecIssue } from "../spec-error.js";
import { conversion } from "./normalize-paths.js";
import { parsePythonType } from "./python-type.js";
import type { RefResolver, Target } from "./resolve-ref.js";

type Json = Record<string, unknown>;

/** Where a field is used, and what it needs to become a model Field. */
export interface FieldSite {
  readonly file: SpecFile;
  readonly pointer: string;
  readonly name: string;
  readonly node: Json;
  /** In the attribute view (properties) or Python-only (x-python-attributes). */
  readonly view: "attribute" | "python-only";
  readonly classNames: ReadonlySet<string>;
}

export interface FieldResult {
  readonly field?: Field;
  /** The class schema a class-valued field points at, for the caller to normalize. */
  readonly classTarget?: Target;
}

const MAX_REF_DEPTH = 16;

type Fail = (expected: string, key?: string, ...found: [unknown?]) => void;

/**
 * Turns one property into a Field. A $ref to a field definition is merged with the keywords
 * beside it (they override); a $ref to a class makes a class-valued field whose own
 * description and sources sit beside the $ref.
 */
export function normalizeField(site: FieldSite, refs: RefResolver, issues: SpecIssue[]): FieldResult {
  const merged = mergeRefs(site, refs, issues);
  if (merged === undefined) return {};
  const { node, classTarget } = merged;
  const fail: Fail = (expected, key, ...found) =>
    issues.push(issueAt(site.file, key === undefined ? site.pointer : `${site.pointer}/${key}`, expected, ...found));

  const description = node.description;
  const sources = node["x-source"];
  const beside = classTarget ? " beside its $ref to a class" : "";
  if (typeof description !== "string") fail(`a "description" for attribute ${site.name}${beside}`);
  if (!Array.isArray(sources)) fail(`an "x-source" for attribute ${site.name}${beside}`);

  const shape = site.view === "attribute" ? jsonShape(site, node, classTarget, fail) : { nullable: false };
  if (shape === undefined) return {};
  const python = pythonType(site, node, shape.derived, fail);
  if (python === undefined || typeof description !== "string" || !Array.isArray(sources))
    return { ...(classTarget && { classTarget }) };
  const nullable = site.view === "python-only" ? admitsNone(python) : shape.nullable;
  checkAnnotations(site.name, node, shape.json, nullable, fail);
  const examples = checkExamples(site.name, node, shape.json, nullable, fail);
  const fromHeader = node["x-from-header"] as Record<string, Record<string, unknown>> | undefined;

  const field: Field = {
    name: site.name,
    description,
    ...(shape.json && { json: shape.json }),
    python,
    nullable,
    ...(typeof node["x-null-when"] === "string" && { nullWhen: node["x-null-when"] }),
    ...(typeof node["x-unit"] === "string" && { unit: node["x-unit"] as "MB" | "seconds" }),
    ...(typeof node["x-header"] === "string" && { header: node["x-header"] }),
    ...(fromHeader !== undefined && {
      fromHeader: { default: conversion(fromHeader.default!), concurrent: conversion(fromHeader.concurrent!) },
    }),
    ...(typeof node["x-to-json"] === "string" && { toJsonKey: node["x-to-json"] }),
    secret: node["x-secret"] === true,
    examples,
    sources: sources as SourceKey[],
    vendorDoc: (node["x-vendor-doc"] as VendorClaim[] | undefined) ?? [],
    location: { file: site.file.path, pointer: site.pointer },
  };
  return { field, ...(classTarget && { classTarget }) };
}

interface Shape {
  readonly json?: JsonShape;
  readonly nullable: boolean;
  /** The Python type the JSON type implies, which an x-python-type must agree with. */
  readonly derived?: PyType;
}

/** An attribute's JSON shape: its class, or its types and constraints; undefined without a type. */
function jsonShape(site: FieldSite, node: Json, classTarget: Target | undefined, fail: Fail): Shape | undefined {
  if (classTarget !== undefined) {
    const className = (classTarget.node as Json)["x-python-class"] as string;
    if (node.type !== undefined) fail(`no "type" beside a $ref to the class ${className}`, "type");
    const json: JsonShape = { kinds: ["object"], classRef: className, constraints: {} };
    return { json, nullable: false, derived: { kind: "class", name: className } };
  }
  const types =
    typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : undefined;
  if (types === undefined) {
    fail(`a JSON "type" for attribute ${site.name}`);
    return undefined;
  }
  const nullable = types.includes("null");
  const kinds = types.filter((type): type is JsonKind => type !== "null");
  if (kinds.length === 0) fail(`a type besides "null" for attribute ${site.name}`, "type", node.type);
  if (kinds.includes("object") && node.additionalProperties !== true) {
    const expected =
      `"additionalProperties": true on an object-valued attribute ` + `(a class-valued one is a $ref to its class)`;
    fail(expected, "additionalProperties");
  }
  return { json: { kinds, constraints: constraintsOf(node) }, nullable, derived: pythonOfKinds(kinds, nullable) };
}

/** The x-python-type, which must parse and agree with the JSON type; or the one the JSON implies. */
function pythonType(site: FieldSite, node: Json, derived: PyType | undefined, fail: Fail): PyType | undefined {
  const text = node["x-python-type"];
  if (typeof text !== "string") {
    if (site.view === "python-only") fail(`an "x-python-type" for the Python-only attribute ${site.name}`);
    return derived;
  }
  const parsed = parsePythonType(text, site.classNames);
  if (typeof parsed === "string") fail(parsed, "x-python-type", text);
  else if (derived !== undefined && formatPythonType(parsed) !== formatPythonType(derived))
    fail(`an x-python-type that agrees with the JSON type (${formatPythonType(derived)})`, "x-python-type", text);
  else return parsed;
  return derived;
}

/** The keywords that only some fields may carry: x-null-when, x-secret, x-from-header, x-unit. */
function checkAnnotations(name: string, node: Json, json: JsonShape | undefined, nullable: boolean, fail: Fail): void {
  const only = (kind: JsonKind) => json?.kinds.length === 1 && json.kinds[0] === kind;
  if (nullable && typeof node["x-null-when"] !== "string") fail(`an "x-null-when" saying when ${name} is None`);
  if (!nullable && node["x-null-when"] !== undefined)
    fail(`no "x-null-when" on ${name}, which is never None`, "x-null-when");
  if (node["x-secret"] === true && !only("string")) fail(`"x-secret" only on a string attribute`, "x-secret");
  if (node["x-from-header"] !== undefined && (node["x-header"] === undefined || !only("integer")))
    fail(`"x-from-header" only on an integer attribute with an "x-header"`, "x-from-header");
  // the runtime fills an attribute from its header; with none, a context built from headers holds None
  if (json !== undefined && json.classRef === undefined && !nullable && node["x-header"] === undefined)
    fail(`an "x-header" that fills ${name}, or "null" among its types: from headers it would be None`);
  if (node["x-unit"] !== undefined && !json?.kinds.some((kind) => kind === "integer" || kind === "number"))
    fail(`"x-unit" only on a numeric attribute`, "x-unit");
}

/** The examples, each checked against the field; a value field needs one (the fakes' default). */
function checkExamples(name: string, node: Json, json: JsonShape | undefined, nullable: boolean, fail: Fail) {
  const examples = Array.isArray(node.examples) ? (node.examples as unknown[]) : [];
  if (json === undefined || json.classRef !== undefined) return examples;
  if (examples.length === 0)
    fail(`"examples" for attribute ${name}: its first example is the fakes' default and the docs' sample`);
  examples.forEach((example, index) => {
    const problem = exampleProblem(example, json, nullable);
    if (problem !== undefined) fail(problem, `examples/${index}`, example);
  });
  return examples;
}

function mergeRefs(
  site: FieldSite,
  refs: RefResolver,
  issues: SpecIssue[],
): { node: Json; classTarget?: Target } | undefined {
  let node: Json = site.node;
  let file = site.file;
  let pointer = site.pointer;
  const overrides: Json[] = [];
  for (let depth = 0; typeof node.$ref === "string"; depth++) {
    if (depth === MAX_REF_DEPTH) {
      issues.push(
        issueAt(site.file, `${site.pointer}/$ref`, `a $ref chain shorter than ${MAX_REF_DEPTH} (is it circular?)`),
      );
      return undefined;
    }
    const target = refs.resolve(file, `${pointer}/$ref`, node.$ref);
    if ("expected" in target) {
      issues.push(target);
      return undefined;
    }
    const { $ref: _ref, ...rest } = node;
    overrides.unshift(rest);
    if (typeof target.node !== "object" || target.node === null) {
      issues.push(issueAt(file, `${pointer}/$ref`, "a $ref to a field definition or a class", node.$ref));
      return undefined;
    }
    if (Object.hasOwn(target.node, "x-python-class")) {
      return { node: Object.assign({}, ...overrides) as Json, classTarget: target };
    }
    ({ file, pointer } = target);
    node = target.node as Json;
  }
  return { node: Object.assign({}, node, ...overrides) as Json };
}

const ANY_JSON: readonly JsonKind[] = ["object", "array", "string", "number", "boolean"];

/** The Python type of a JSON value of these kinds: Any when it may be any JSON value at all. */
function pythonOfKinds(kinds: readonly JsonKind[], nullable: boolean): PyType {
  if (nullable && ANY_JSON.every((kind) => kinds.includes(kind))) return { kind: "builtin", name: "Any" };
  const parts = kinds.map(pythonOfJson);
  const core: PyType = parts.length === 1 ? parts[0]! : { kind: "union", of: parts };
  return nullable ? { kind: "optional", of: core } : core;
}

function pythonOfJson(kind: JsonKind): PyType {
  switch (kind) {
    case "string":
      return { kind: "builtin", name: "str" };
    case "integer":
      return { kind: "builtin", name: "int" };
    case "number":
      return { kind: "builtin", name: "float" };
    case "boolean":
      return { kind: "builtin", name: "bool" };
    case "object":
      return { kind: "dict", key: { kind: "builtin", name: "str" }, value: { kind: "builtin", name: "Any" } };
    case "array":
      return { kind: "list", of: { kind: "builtin", name: "Any" } };
  }
}

function constraintsOf(node: Json): Constraints {
  const constraints: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  for (const key of ["minLength", "maxLength", "minimum", "maximum"] as const) {
    if (typeof node[key] === "number") constraints[key] = node[key];
  }
  if (typeof node.pattern === "string") constraints.pattern = node.pattern;
  return constraints;
}

/** Why an example does not fit its field, or undefined when it does. */
function exampleProblem(example: unknown, json: JsonShape, nullable: boolean): string | undefined {
  if (example === null) return nullable ? undefined : "an example of the field's type (it is never None)";
  const { constraints } = json;
  if (typeof example === "string") {
    if (!json.kinds.includes("string")) return "an example of the field's JSON type";
    const length = [...example].length;
    if (constraints.minLength !== undefined && length < constraints.minLength)
      return `an example at least ${constraints.minLength} characters long`;
    if (constraints.maxLength !== undefined && length > constraints.maxLength)
      return `an example at most ${constraints.maxLength} characters long`;
    if (constraints.pattern !== undefined && !new RegExp(constraints.pattern, "u").test(example))
      return `an example matching ${constraints.pattern}`;
    return undefined;
  }
  if (typeof example === "number") {
    const fits = json.kinds.includes("number") || (json.kinds.includes("integer") && Number.isInteger(example));
    if (!fits) return "an example of the field's JSON type";
    if (constraints.minimum !== undefined && example < constraints.minimum)
      return `an example of at least ${constraints.minimum}`;
    if (constraints.maximum !== undefined && example > constraints.maximum)
      return `an example of at most ${constraints.maximum}`;
    return undefined;
  }
  if (typeof example === "boolean")
    return json.kinds.includes("boolean") ? undefined : "an example of the field's JSON type";
  if (Array.isArray(example)) return json.kinds.includes("array") ? undefined : "an example of the field's JSON type";
  if (typeof example === "object")
    return json.kinds.includes("object") ? undefined : "an example of the field's JSON type";
  return "an example of the field's JSON type";
}
