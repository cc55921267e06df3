// Holds a probe report against the spec of its runtime. Each difference is named as the spec
// change that would make the spec match the runtime (the spec diff's kinds), with what the spec
// says, what the runtime did, and the spec file and JSON pointer to change. Values are never
// printed: a report is secret-free, but a hand-edited one need not be.
import { isDeepStrictEqual } from "node:util";
import { withArticle } from "../options.js";
import { classDescription, reportPath } from "./report.js";
import {
  type At,
  type Drift,
  isTree,
  type Leaf,
  type ManifestClass,
  type ManifestField,
  type ManifestRuntime,
  type Node,
  type Report,
  type ReportClass,
  type ReportParam,
  type TreeNode,
} from "./types.js";

type Path = "default" | "concurrent";

interface State {
  readonly report: Report;
  readonly runtime: ManifestRuntime;
  readonly path: Path;
  readonly classes: ReadonlyMap<string, ManifestClass>;
  readonly drift: Drift[];
  readonly seen: Set<string>;
}

type Alias = ManifestClass["aliases"][number];

/** Every difference between the report and the runtime's spec entry, in the order met. */
export function compareReport(report: Report, runtime: ManifestRuntime): Drift[] {
  const path: Path = reportPath(report);
  const classes = new Map(runtime.classes.map((cls) => [cls.name, cls]));
  const state: State = { report, runtime, path, classes, drift: [], seen: new Set() };
  compareClass(state, report.context, classes.get(runtime.root)!, "context");
  compareToJson(state);
  compareGetLogger(state);
  return state.drift;
}

function add(state: State, kind: string, where: string, spec: string, runtime: string, change: At): void {
  state.drift.push({ kind, path: where, spec, runtime, change });
}

const pointer = (at: At, suffix: string): At => ({ file: at.file, pointer: `${at.pointer}${suffix}` });

function compareClass(state: State, node: TreeNode, cls: ManifestClass, where: string): void {
  if (node.class !== cls.name) {
    add(
      state,
      "class renamed",
      where,
      `an instance of ${cls.name}`,
      `an instance of ${node.class}`,
      pointer(cls.at, "/x-python-class"),
    );
  }
  if (!state.seen.has(cls.name)) {
    state.seen.add(cls.name);
    const described = classDescription(state.report, node.class);
    if (described !== undefined) compareMembers(state, described, cls, node.class);
  }
  const attributes = node.attributes;
  const expected = new Map<string, { field?: ManifestField; alias?: Alias }>(
    cls.fields.map((field) => [field.name, { field }]),
  );
  for (const alias of cls.aliases.filter((a) => a.kind === "attribute")) expected.set(alias.name, { alias });
  for (const [name, { field, alias }] of expected) {
    const at = `${where}.${name}`;
    const value = attributes[name];
    if (value === undefined) {
      const spec =
        alias !== undefined ? `an attribute ${name} holding ${alias.of}` : `an attribute ${name}: ${field!.python}`;
      add(
        state,
        "field removed",
        at,
        spec,
        "no such attribute in vars()",
        alias !== undefined ? cls.aliasesAt : field!.at,
      );
    } else if (alias !== undefined) compareAliasValue(state, attributes, cls, alias, value, at);
    else compareValue(state, value, field!, at);
  }
  for (const name of Object.keys(attributes).filter((n) => !expected.has(n))) {
    const asProperty = cls.aliases.some((a) => a.name === name) ? " (the spec has it as a read-only property)" : "";
    add(
      state,
      "field added",
      `${where}.${name}`,
      `no attribute ${name}${asProperty}`,
      `an attribute ${name}: ${describe(attributes[name]!)}`,
      cls.fieldsAt,
    );
  }
  for (const alias of cls.aliases.filter((a) => a.kind === "property")) {
    const value = node.properties?.[alias.name];
    if (value !== undefined) compareAliasValue(state, attributes, cls, alias, value, `${where}.${alias.name}`);
  }
}

function compareValue(state: State, node: Node, field: ManifestField, where: string): void {
  if (isTree(node)) {
    const [target] = field.accepts.classes;
    if (target === undefined) add(state, "type changed", where, field.python, `an instance of ${node.class}`, field.at);
    else compareClass(state, node, state.classes.get(target)!, where);
    return;
  }
  if (node.error !== undefined || node.type === undefined) {
    add(state, "type changed", where, field.python, `reading it raised ${node.error?.type ?? "an error"}`, field.at);
    return;
  }
  if (node.type === "NoneType") {
    if (!field.none[state.path])
      add(state, "made nullable", where, `${field.python}, never None on the ${state.path} path`, "None", field.at);
    return;
  }
  if (!field.accepts.any && !field.accepts.types.includes(node.type))
    add(state, "type changed", where, field.python, describe(node), field.at);
}

function compareAliasValue(
  state: State,
  attributes: TreeNode["attributes"],
  cls: ManifestClass,
  alias: Alias,
  node: Node,
  where: string,
): void {
  const target = attributes[alias.of];
  if (target === undefined || isTree(target) || isTree(node)) return;
  if (node.type !== target.type || !sameValue(node, target)) {
    add(
      state,
      "alias differs",
      where,
      `the same value as ${alias.of}`,
      `${describe(node)}, unlike ${alias.of} (${describe(target)})`,
      cls.aliasesAt,
    );
  }
}

function sameValue(a: Leaf, b: Leaf): boolean {
  if (a.secret === true || b.secret === true) return a.length === b.length && a.empty === b.empty;
  // deep equality, not JSON text: a value may hold an int past 2**53 - 1 (a BigInt), which JSON.stringify refuses
  return isDeepStrictEqual(a.value, b.value);
}

function compareMembers(state: State, described: ReportClass, cls: ManifestClass, where: string): void {
  const properties = new Set(described.properties ?? []);
  const specProperties = cls.aliases.filter((a) => a.kind === "property");
  for (const alias of specProperties.filter((a) => !properties.has(a.name))) {
    add(
      state,
      "alias or method removed",
      `${where}.${alias.name}`,
      `a read-only property ${alias.name} of ${alias.of}`,
      "no such property",
      cls.aliasesAt,
    );
  }
  for (const name of [...properties].filter((n) => !specProperties.some((a) => a.name === n))) {
    add(state, "alias or method added", `${where}.${name}`, `no property ${name}`, `a property ${name}`, cls.aliasesAt);
  }
  const methods = new Map((described.methods ?? []).map((m) => [m.name, m]));
  for (const method of cls.methods) {
    const found = methods.get(method.name);
    const spec = `${method.name}(${method.params.join(", ")})`;
    const at = `${where}.${method.name}()`;
    if (found === undefined)
      add(state, "alias or method removed", at, `a method ${spec}`, "no such method", cls.methodsAt);
    else if (!Array.isArray(found.params))
      add(state, "method changed", at, spec, "a signature inspect cannot read", cls.methodsAt);
    else if (found.params.map((p) => p.name).join() !== method.params.join())
      add(state, "method changed", at, spec, `${method.name}(${signature(found.params)})`, cls.methodsAt);
  }
  for (const method of [...methods.values()].filter((m) => !cls.methods.some((s) => s.name === m.name))) {
    const params = Array.isArray(method.params) ? signature(method.params) : "...";
    add(
      state,
      "alias or method added",
      `${where}.${method.name}()`,
      `no method ${method.name}`,
      `a method ${method.name}(${params})`,
      cls.methodsAt,
    );
  }
  compareConstructor(state, described.constructor, cls, where);
}

function compareConstructor(state: State, params: ReportClass["constructor"], cls: ManifestClass, where: string): void {
  const expected = cls.constructor.params.map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`));
  const spec = `${cls.name}(${expected.join(", ")})`;
  if (!Array.isArray(params)) {
    add(state, "constructor changed", `${where}()`, spec, "a constructor inspect cannot read", cls.constructor.at);
    return;
  }
  const found = `${cls.name}(${signature(params as readonly ReportParam[])})`;
  if (found !== spec) add(state, "constructor changed", `${where}()`, spec, found, cls.constructor.at);
}

const signature = (params: readonly ReportParam[]): string =>
  params.map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`)).join(", ");

function compareToJson(state: State): void {
  const { report, runtime } = state;
  const root = state.classes.get(runtime.root)!;
  const seen = report.to_json;
  if (seen == null || runtime.toJson === null) return;
  if (seen.error !== undefined) {
    add(
      state,
      "type changed",
      "context.to_json()",
      "a JSON object",
      `to_json() raised ${seen.error.type}`,
      root.methodsAt,
    );
    return;
  }
  compareKeys(state, "context.to_json()", runtime.toJson.keys, seen.keys ?? [], root);
  for (const [key, keys] of Object.entries(runtime.toJson.nested)) {
    const found = seen.nested?.[key];
    if (found !== undefined) compareKeys(state, `context.to_json().${key}`, keys, found, root);
  }
}

function compareKeys(
  state: State,
  where: string,
  expected: readonly string[],
  found: readonly string[],
  cls: ManifestClass,
): void {
  const missing = expected.filter((key) => !found.includes(key));
  const extra = found.filter((key) => !expected.includes(key));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [
    missing.length ? `without ${missing.join(", ")}` : "",
    extra.length ? `with ${extra.join(", ")} too` : "",
  ].filter(Boolean);
  const named =
    missing.length === 1 && extra.length <= 1 ? cls.fields.find((field) => field.toJsonKey === missing[0]) : undefined;
  const at = named === undefined ? cls.fieldsAt : pointer(named.at, "/x-to-json");
  add(
    state,
    "wire name changed",
    where,
    `the keys ${expected.join(", ")}`,
    `the keys ${found.join(", ")} (${parts.join("; ")})`,
    at,
  );
}

function compareGetLogger(state: State): void {
  const root = state.classes.get(state.runtime.root)!;
  const method = root.methods.find((m) => m.behavior === "logger-or-root");
  const seen = state.report.get_logger;
  if (method === undefined || seen == null) return;
  const logger = state.report.context.attributes.logger;
  const isLogger = logger !== undefined && !isTree(logger) && logger.type === "Logger";
  const expected = isLogger ? "the logger attribute" : "the root logger (the logger attribute is None)";
  const ok = seen.type === "Logger" && (isLogger ? seen.is_attribute === true : seen.root === true);
  if (ok) return;
  const what =
    seen.error !== undefined
      ? `raised ${seen.error.type}`
      : seen.type !== "Logger"
        ? `returned ${withArticle(seen.type ?? "nothing")}`
        : `returned the logger ${JSON.stringify(seen.name)}`;
  add(state, "method changed", `context.${method.name}()`, `returns ${expected}`, what, root.methodsAt);
}

/** What a node of the report is, by type only. */
function describe(node: Node): string {
  if (isTree(node)) return `an instance of ${node.class}`;
  if (node.error !== undefined || node.type === undefined) return `an error (${node.error?.type ?? "unknown"})`;
  return node.type === "Logger" ? "a logging.Logger" : node.type;
}
