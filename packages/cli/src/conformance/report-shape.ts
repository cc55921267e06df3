// The shape of a probe report, checked before anything reads it. fc_context.probe writes this
// shape; a hand-edited, truncated or foreign report need not, and conformance and spec draft must
// refuse it with a usage error at its JSON pointer rather than fail somewhere inside. Only what the
// commands read is checked: a later probe may add keys.
import { isObject } from "../io.js";

export interface ShapeFault {
  /** JSON pointer into the report. */
  readonly at: string;
  readonly expected: string;
  readonly got: string;
}

type Check = (value: unknown, at: string, depth: number) => ShapeFault | undefined;

// a context is a few classes deep; a tree deeper than this is not a context, and a recursive check must stop
const MAX_DEPTH = 32;

/** The kind of a JSON value, never the value: a report may hold a secret where it should not. */
export function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number") return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === "bigint") return `the integer ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return `a ${typeof value}`;
}

const escapeKey = (key: string): string => key.replaceAll("~", "~0").replaceAll("/", "~1");
const fault = (at: string, expected: string, value: unknown): ShapeFault => ({ at, expected, got: jsonKind(value) });

const text: Check = (value, at) => (typeof value === "string" ? undefined : fault(at, "a string", value));
const flag: Check = (value, at) => (typeof value === "boolean" ? undefined : fault(at, "a boolean", value));
const length: Check = (value, at) =>
  value === null || (Number.isSafeInteger(value) && (value as number) >= 0)
    ? undefined
    : fault(at, "null or a length (an integer from 0)", value);
const optional =
  (check: Check): Check =>
  (value, at, depth) =>
    value === undefined ? undefined : check(value, at, depth);
const orNull =
  (check: Check): Check =>
  (value, at, depth) =>
    value === null ? undefined : check(value, at, depth);

function listOf(check: Check, what: string): Check {
  return (value, at, depth) => {
    if (!Array.isArray(value)) return fault(at, `an array of ${what}`, value);
    for (const [index, item] of value.entries()) {
      const found = check(item, `${at}/${index}`, depth);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

function recordOf(check: Check, what: string): Check {
  return (value, at, depth) => {
    if (!isObject(value)) return fault(at, `an object of ${what}`, value);
    for (const [key, item] of Object.entries(value)) {
      const found = check(item, `${at}/${escapeKey(key)}`, depth);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

/** An object whose listed keys (own keys only: "constructor" is no inherited function here) pass their checks. */
function shape(what: string, fields: Readonly<Record<string, Check>>): Check {
  return (value, at, depth) => {
    if (!isObject(value)) return fault(at, what, value);
    for (const [key, check] of Object.entries(fields)) {
      const found = check(Object.hasOwn(value, key) ? value[key] : undefined, `${at}/${key}`, depth);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

const error = shape('an error ({"type": ...})', { type: text });

const value = shape('a value ({"type": ...}) or an instance ({"class": ..., "attributes": {...}})', {
  type: text,
  secret: optional(flag),
  length: optional(length),
  empty: optional(flag),
  error: optional(error),
});

// a property that raised is reported as its error alone, with no type
const leaf: Check = (item, at, depth) =>
  isObject(item) && Object.hasOwn(item, "error") && !Object.hasOwn(item, "type")
    ? error(item.error, `${at}/error`, depth)
    : value(item, at, depth);

const tree: Check = (value, at, depth) => {
  if (depth > MAX_DEPTH) return fault(at, `a tree at most ${MAX_DEPTH} instances deep`, value);
  return shape('an instance ({"class": ..., "attributes": {...}})', {
    class: text,
    attributes: recordOf(node, "values"),
    properties: optional(recordOf(node, "values")),
  })(value, at, depth + 1);
};

function node(value: unknown, at: string, depth: number): ShapeFault | undefined {
  return isObject(value) && Object.hasOwn(value, "class") ? tree(value, at, depth) : leaf(value, at, depth);
}

const param = shape('a parameter ({"name": ...})', { name: text, kind: optional(text), default: optional(text) });

/** inspect's parameters, or the error it raised reading them. */
const signature: Check = (value, at, depth) =>
  isObject(value) && Object.hasOwn(value, "error")
    ? undefined
    : listOf(param, 'parameters, or {"error": ...}')(value, at, depth);

const described = shape('a class ({"constructor": [...], ...})', {
  constructor: signature,
  module: optional(text),
  properties: optional(listOf(text, "names")),
  methods: optional(
    listOf(shape('a method ({"name": ..., "params": [...]})', { name: text, params: signature }), "methods"),
  ),
});

const report = shape("a probe report (a JSON object)", {
  entry: optional(text),
  runtime: optional(shape('the runtime ({"id": ..., ...})', { id: optional(text), python: optional(text) })),
  path: optional(shape('the invocation path ({"name": ...})', { name: optional(text) })),
  context: tree,
  classes: optional(recordOf(described, "classes")),
  to_json: optional(
    orNull(
      shape('what to_json() wrote ({"keys": [...], "nested": {...}})', {
        keys: optional(listOf(text, "keys")),
        nested: optional(recordOf(listOf(text, "keys"), "key lists")),
        error: optional(error),
      }),
    ),
  ),
  get_logger: optional(
    orNull(
      shape('what getLogger() returned ({"type": ...})', {
        type: optional(text),
        root: optional(flag),
        is_attribute: optional(flag),
        error: optional(error),
      }),
    ),
  ),
});

/** The first place where a report is not shaped as fc_context.probe writes it, or undefined. */
export function reportShapeFault(value: unknown): ShapeFault | undefined {
  return report(value, "", 0);
}
