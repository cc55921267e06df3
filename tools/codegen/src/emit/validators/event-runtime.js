// The issues of a trigger event that is not valid, by JSON pointer. Copied by the generator into
// @fc-context/validators as gen/events/runtime.js, which every kind's module imports: the kind's
// precompiled ajv guard says whether an event is valid, fast; only an invalid one is walked here,
// against the kind's schema, to say every fault in words a person can act on.
//
// The walk knows the keywords the event specs use: type, enum, const, required, properties,
// additionalProperties, items, minItems, anyOf, allOf and $ref to #/$defs. Of an anyOf it reports
// the closest form (fewest faults, a form of the wrong type last) after saying none matched.
// Messages say what was expected and what kind of value was found, never a string's content.

export class EventValidationError extends Error {
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === "EventValidationError" && Array.isArray(value.issues);
  }

  constructor(kind, issues) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    const lines = issues.map((issue) => `  ${issue.path === "" ? "(the event)" : issue.path}: ${issue.message}`);
    super(`Not a valid ${kind} event (${count}):\n${lines.join("\n")}`);
    this.name = "EventValidationError";
    this.kind = kind;
    this.issues = issues;
  }
}

/** Every fault of value against schema (the kind's, whose $defs its $refs name). */
export function eventIssues(schema, value) {
  try {
    return walk(schema, schema, value, "");
  } catch {
    return [
      { path: "", keyword: "read", message: "unreadable: reading it raised an error (a getter or a proxy trap)" },
    ];
  }
}

function walk(root, node, value, path) {
  if (node === true || node === undefined) return [];
  if (node === false) return [{ path, keyword: "false", message: "expected nothing here" }];
  if (typeof node.$ref === "string") {
    const rest = { ...node };
    delete rest.$ref;
    return [...walk(root, resolve(root, node.$ref), value, path), ...walk(root, rest, value, path)];
  }
  const issues = [];
  if (node.type !== undefined && !typeMatches(node.type, value))
    return [{ path, keyword: "type", message: `expected ${typeNames(node.type)}, got ${describe(value)}` }];
  if (node.enum !== undefined && !node.enum.some((item) => item === value))
    issues.push({
      path,
      keyword: "enum",
      message: `expected one of ${node.enum.map(show).join(", ")}, got ${describe(value)}`,
    });
  if (Object.hasOwn(node, "const") && node.const !== value)
    issues.push({ path, keyword: "const", message: `expected ${show(node.const)}, got ${describe(value)}` });
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems)
      issues.push({
        path,
        keyword: "minItems",
        message: `expected at least ${node.minItems} item${node.minItems === 1 ? "" : "s"}, got an empty array`,
      });
    if (node.items !== undefined)
      value.forEach((item, index) => issues.push(...walk(root, node.items, item, `${path}/${index}`)));
  } else if (value !== null && typeof value === "object") {
    for (const name of node.required ?? [])
      if (!Object.hasOwn(value, name))
        issues.push({
          path: `${path}/${pointerToken(name)}`,
          keyword: "required",
          message: `missing: the event has "${name}" here`,
        });
    const properties = node.properties ?? {};
    for (const name of Object.keys(value)) {
      const at = `${path}/${pointerToken(name)}`;
      if (Object.hasOwn(properties, name)) issues.push(...walk(root, properties[name], value[name], at));
      else if (node.additionalProperties !== undefined)
        issues.push(...walk(root, node.additionalProperties, value[name], at));
    }
  }
  for (const part of node.allOf ?? []) issues.push(...walk(root, part, value, path));
  if (node.anyOf !== undefined) issues.push(...anyOf(root, node.anyOf, value, path));
  return issues;
}

function anyOf(root, forms, value, path) {
  let best;
  for (const form of forms) {
    const issues = walk(root, form, value, path);
    if (issues.length === 0) return [];
    // a form of another type is the farthest; then the form that knows the most of the object's
    // members is the closest; then the one with the fewest faults
    const wrongType = issues.some((issue) => issue.path === path && issue.keyword === "type");
    const score = (wrongType ? 1e6 : 0) - 1e3 * known(root, form, value) + issues.length;
    if (best === undefined || score < best.score) best = { form, issues, score };
  }
  const names = forms.map((form) => formName(form)).join(", ");
  return [
    { path, keyword: "anyOf", message: `matches none of its forms (${names}); the closest is ${formName(best.form)}` },
    ...best.issues,
  ];
}

// how many of an object's members a form names (through its $ref and allOf)
function known(root, form, value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return 0;
  const names = new Set();
  const pending = [form];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== "object") continue;
    if (typeof node.$ref === "string") pending.push(resolve(root, node.$ref));
    for (const name of Object.keys(node.properties ?? {})) names.add(name);
    pending.push(...(node.allOf ?? []));
  }
  return Object.keys(value).filter((name) => names.has(name)).length;
}

function formName(form) {
  if (typeof form.$ref === "string") return form.$ref.split("/").at(-1);
  if (form.type !== undefined) return typeNames(form.type);
  return "a form";
}

function resolve(root, ref) {
  const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = match === null ? undefined : root.$defs?.[match[1]];
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

function typeMatches(type, value) {
  return (Array.isArray(type) ? type : [type]).some((name) => {
    switch (name) {
      case "null":
        return value === null;
      case "array":
        return Array.isArray(value);
      case "object":
        return value !== null && typeof value === "object" && !Array.isArray(value);
      case "integer":
        return Number.isInteger(value);
      case "number":
        return typeof value === "number" && Number.isFinite(value);
      default:
        return typeof value === name;
    }
  });
}

function typeNames(type) {
  const names = (Array.isArray(type) ? type : [type]).map((name) =>
    name === "null" ? "null" : `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`,
  );
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

// a string is described by its length, never its content
function describe(value) {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length === 0
        ? "an empty string"
        : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    case "number":
      return `${Number.isInteger(value) ? "the integer" : "the number"} ${value}`;
    case "boolean":
      return `the boolean ${value}`;
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

// the spec's own values (enum members, consts) may be shown: they are not the input's
function show(value) {
  return JSON.stringify(value);
}

function pointerToken(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}
