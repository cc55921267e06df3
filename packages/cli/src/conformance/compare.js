// Holds a probe report against the spec of its runtime. Each difference is named as the spec
// change that would make the spec match the runtime (the spec diff's kinds), with what the spec
// says, what the runtime did, and the spec file and JSON pointer to change. Values are never
// printed: a report is secret-free, but a hand-edited one need not be.

/** Every difference between the report and the runtime's spec entry, in the order met. */
export function compareReport(report, runtime) {
  const drift = [];
  const path = report.path?.name === "concurrent" ? "concurrent" : "default";
  const classes = new Map(runtime.classes.map((cls) => [cls.name, cls]));
  const state = { report, runtime, path, classes, drift, seen: new Set() };
  compareClass(state, report.context, classes.get(runtime.root), "context");
  compareToJson(state);
  compareGetLogger(state);
  return drift;
}

function add(state, kind, where, spec, runtime, at) {
  state.drift.push({ kind, path: where, spec, runtime, change: at });
}

function compareClass(state, node, cls, where) {
  if (node.class !== cls.name) {
    add(state, "class renamed", where, `an instance of ${cls.name}`, `an instance of ${node.class}`, pointer(cls.at, "/x-python-class"));
  }
  if (!state.seen.has(cls.name)) {
    state.seen.add(cls.name);
    compareMembers(state, state.report.classes?.[node.class], cls, node.class);
  }
  const attributes = node.attributes ?? {};
  const expected = new Map(cls.fields.map((field) => [field.name, field]));
  for (const alias of cls.aliases.filter((a) => a.kind === "attribute")) expected.set(alias.name, { alias });
  for (const [name, entry] of expected) {
    const at = `${where}.${name}`;
    if (!(name in attributes)) {
      const spec = entry.alias ? `an attribute ${name} holding ${entry.alias.of}` : `an attribute ${name}: ${entry.python}`;
      add(state, "field removed", at, spec, "no such attribute in vars()", entry.alias ? cls.aliasesAt : entry.at);
    } else if (entry.alias) {
      compareAliasValue(state, attributes, cls, entry.alias, attributes[name], at);
    } else {
      compareValue(state, attributes[name], entry, at);
    }
  }
  for (const name of Object.keys(attributes).filter((n) => !expected.has(n))) {
    const asProperty = cls.aliases.some((a) => a.name === name) ? " (the spec has it as a read-only property)" : "";
    add(state, "field added", `${where}.${name}`, `no attribute ${name}${asProperty}`, `an attribute ${name}: ${describe(attributes[name])}`, cls.fieldsAt);
  }
  for (const alias of cls.aliases.filter((a) => a.kind === "property")) {
    const value = node.properties?.[alias.name];
    if (value !== undefined) compareAliasValue(state, attributes, cls, alias, value, `${where}.${alias.name}`);
  }
}

function compareValue(state, node, field, where) {
  if (node.class !== undefined) {
    const [target] = field.accepts.classes;
    if (target === undefined) add(state, "type changed", where, field.python, `an instance of ${node.class}`, field.at);
    else compareClass(state, node, state.classes.get(target), where);
    return;
  }
  if (node.error !== undefined) {
    add(state, "type changed", where, field.python, `reading it raised ${node.error.type}`, field.at);
    return;
  }
  if (node.type === "NoneType") {
    if (!field.none[state.path]) add(state, "made nullable", where, `${field.python}, never None on the ${state.path} path`, "None", field.at);
    return;
  }
  if (!field.accepts.any && !field.accepts.types.includes(node.type)) {
    add(state, "type changed", where, field.python, describe(node), field.at);
  }
}

function compareAliasValue(state, attributes, cls, alias, node, where) {
  const target = attributes[alias.of];
  if (target === undefined) return;
  if (node.type !== target.type || !sameValue(node, target)) {
    add(state, "alias differs", where, `the same value as ${alias.of}`, `${describe(node)}, unlike ${alias.of} (${describe(target)})`, cls.aliasesAt);
  }
}

function sameValue(a, b) {
  if (a.secret || b.secret) return a.length === b.length && a.empty === b.empty;
  return JSON.stringify(a.value) === JSON.stringify(b.value);
}

function compareMembers(state, described, cls, where) {
  if (described === undefined) return;
  const properties = new Set(described.properties ?? []);
  for (const alias of cls.aliases.filter((a) => a.kind === "property")) {
    if (!properties.has(alias.name)) add(state, "alias or method removed", `${where}.${alias.name}`, `a read-only property ${alias.name} of ${alias.of}`, "no such property", cls.aliasesAt);
  }
  const specProperties = new Set(cls.aliases.filter((a) => a.kind === "property").map((a) => a.name));
  for (const name of [...properties].filter((n) => !specProperties.has(n))) {
    add(state, "alias or method added", `${where}.${name}`, `no property ${name}`, `a property ${name}`, cls.aliasesAt);
  }
  const methods = new Map((described.methods ?? []).map((m) => [m.name, m]));
  for (const method of cls.methods) {
    const found = methods.get(method.name);
    const spec = `${method.name}(${method.params.join(", ")})`;
    if (found === undefined) add(state, "alias or method removed", `${where}.${method.name}()`, `a method ${spec}`, "no such method", cls.methodsAt);
    else if (!Array.isArray(found.params)) add(state, "method changed", `${where}.${method.name}()`, spec, "a signature inspect cannot read", cls.methodsAt);
    else if (found.params.map((p) => p.name).join() !== method.params.join()) {
      add(state, "method changed", `${where}.${method.name}()`, spec, `${method.name}(${signature(found.params)})`, cls.methodsAt);
    }
  }
  const specMethods = new Set(cls.methods.map((m) => m.name));
  for (const method of methods.values()) {
    if (!specMethods.has(method.name)) add(state, "alias or method added", `${where}.${method.name}()`, `no method ${method.name}`, `a method ${method.name}(${Array.isArray(method.params) ? signature(method.params) : "..."})`, cls.methodsAt);
  }
  compareConstructor(state, described.constructor, cls, where);
}

function compareConstructor(state, params, cls, where) {
  const spec = `${cls.name}(${cls.constructor.params.map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`)).join(", ")})`;
  if (!Array.isArray(params)) {
    add(state, "constructor changed", `${where}()`, spec, "a constructor inspect cannot read", cls.constructor.at);
    return;
  }
  const found = `${cls.name}(${signature(params)})`;
  if (found !== spec) add(state, "constructor changed", `${where}()`, spec, found, cls.constructor.at);
}

function signature(params) {
  return params.map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`)).join(", ");
}

function compareToJson(state) {
  const { report, runtime } = state;
  const root = state.classes.get(runtime.root);
  if (report.to_json == null || runtime.toJson === null) return;
  const at = root.methodsAt;
  if (report.to_json.error !== undefined) {
    add(state, "type changed", "context.to_json()", "a JSON object", `to_json() raised ${report.to_json.error.type}`, at);
    return;
  }
  compareKeys(state, "context.to_json()", runtime.toJson.keys, report.to_json.keys, root);
  for (const [key, keys] of Object.entries(runtime.toJson.nested)) {
    const found = report.to_json.nested?.[key];
    if (found !== undefined) compareKeys(state, `context.to_json().${key}`, keys, found, root);
  }
}

function compareKeys(state, where, expected, found, cls) {
  const missing = expected.filter((key) => !found.includes(key));
  const extra = found.filter((key) => !expected.includes(key));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [missing.length ? `without ${missing.join(", ")}` : "", extra.length ? `with ${extra.join(", ")} too` : ""];
  const named = missing.length === 1 && extra.length <= 1 ? cls.fields.find((field) => field.toJsonKey === missing[0]) : undefined;
  const at = named === undefined ? cls.fieldsAt : pointer(named.at, "/x-to-json");
  add(state, "wire name changed", where, `the keys ${expected.join(", ")}`, `the keys ${found.join(", ")} (${parts.filter(Boolean).join("; ")})`, at);
}

function compareGetLogger(state) {
  const { report } = state;
  const root = state.classes.get(state.runtime.root);
  const method = root.methods.find((m) => m.behavior === "logger-or-root");
  const seen = report.get_logger;
  if (method === undefined || seen == null) return;
  const logger = report.context.attributes?.logger;
  const expected = logger?.type === "Logger" ? "the logger attribute" : "the root logger (the logger attribute is None)";
  const ok = seen.type === "Logger" && (logger?.type === "Logger" ? seen.is_attribute === true : seen.root === true);
  if (!ok) {
    const what = seen.error ? `raised ${seen.error.type}` : seen.type !== "Logger" ? `returned a ${seen.type}` : `returned the logger ${JSON.stringify(seen.name)}`;
    add(state, "method changed", `context.${method.name}()`, `returns ${expected}`, what, root.methodsAt);
  }
}

/** What a node of the report is, by type only. */
function describe(node) {
  if (node.class !== undefined) return `an instance of ${node.class}`;
  if (node.error !== undefined) return `an error (${node.error.type})`;
  return node.type === "Logger" ? "a logging.Logger" : node.type;
}

function pointer(at, suffix) {
  return { file: at.file, pointer: `${at.pointer}${suffix}` };
}
