import { attributeFields, type Model, type PyClass, type Runtime } from "../../model.js";
import { banner } from "../banner.js";
import { namespaceOf } from "../names.js";
import { classOf, invocationIdField } from "../wire-shapes.js";

/**
 * @fc-context/testing: fakeContext(runtime, overrides), typed per runtime. The defaults are each
 * attribute's first spec example (the same defaults as Python's fake_context); the request id is
 * fresh per call; the result is checked by the runtime's validator, so it is valid by construction.
 */
export async function emitTesting(model: Model): Promise<Map<string, string>> {
  const defaults = (runtime: Runtime, cls: PyClass): Record<string, unknown> =>
    Object.fromEntries(
      attributeFields(cls).map((field) => [
        field.name,
        field.json?.classRef !== undefined
          ? defaults(runtime, classOf(runtime, field.json.classRef))
          : field.examples[0],
      ]),
    );
  const requestIdPath = (runtime: Runtime) => invocationIdField(runtime)?.name;
  const ids = model.runtimes.flatMap((runtime) => [runtime.id, ...runtime.aliases].map((id) => [id, runtime] as const));
  // the first runtime of each distinct default context names it
  const defaultsText = (runtime: Runtime) => JSON.stringify(defaults(runtime, runtime.classes[0]!), null, 2);
  const defaultsNamed = new Map<string, string>();
  for (const runtime of model.runtimes) {
    const text = defaultsText(runtime);
    if (!defaultsNamed.has(text)) defaultsNamed.set(text, `defaults${namespaceOf(runtime.id)}`);
  }
  const defaultsOf = (runtime: Runtime) => defaultsNamed.get(defaultsText(runtime))!;
  const aliasOf = Object.fromEntries(ids.filter(([id, r]) => id !== r.id).map(([id, r]) => [id, r.id]));
  const js = `${banner(model, undefined, "//")}
import { FCContextValidationError } from "@fc-context/validators";
${model.runtimes
  .map((r) => `import { assertFCContext as assert${namespaceOf(r.id)} } from "@fc-context/validators/${r.id}";`)
  .join("\n")}

// The default context of each model: runtimes that share a model share its defaults.
${[...defaultsNamed.entries()].map(([text, name]) => `const ${name} = ${text};`).join("\n")}

const runtimes = {
${model.runtimes
  .map(
    (r) =>
      `  ${JSON.stringify(r.id)}: { assert: assert${namespaceOf(r.id)}, ` +
      `requestId: ${JSON.stringify(requestIdPath(r) ?? null)}, defaults: ${defaultsOf(r)} },`,
  )
  .join("\n")}
};
const aliases = ${JSON.stringify(aliasOf)};
const KNOWN = ${JSON.stringify(ids.map(([id]) => id).join(", "))};

export function fakeContext(runtime, overrides = {}) {
  const id = typeof runtime === "string" && Object.hasOwn(aliases, runtime) ? aliases[runtime] : runtime;
  if (typeof id !== "string" || !Object.hasOwn(runtimes, id)) {
    const named = typeof runtime === "string" ? JSON.stringify(runtime) : \`(\${kindOf(runtime)})\`;
    throw new TypeError(\`unknown FC runtime id \${named}: expected one of \${KNOWN}\`);
  }
  const { assert, requestId, defaults } = runtimes[id];
  if (overrides === undefined || overrides === null) overrides = {};
  let context;
  try {
    if (!isPlain(overrides)) {
      const message = \`expected an object of overrides, got \${kindOf(overrides)}\`;
      throw new FCContextValidationError(id, [{ path: "", message, keyword: "type" }]);
    }
    context = merge(structuredClone(defaults), overrides, new Map());
    if (requestId !== null && !Object.hasOwn(overrides, requestId)) context[requestId] = freshRequestId();
  } catch (error) {
    if (error instanceof FCContextValidationError) throw error;
    const message = "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)";
    throw new FCContextValidationError(id, [{ path: "", message, keyword: "read" }]);
  }
  assert(context);
  return context;
}

// Overrides are copied, not shared: plain objects and arrays by value (cycles kept as cycles),
// anything else as it is, for the validator to judge. Every key becomes an own property, even
// "__proto__": an assignment would reach the prototype (and merging into it, Object.prototype).
function merge(base, overrides, copies) {
  for (const [key, value] of Object.entries(overrides)) {
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    own(base, key, isPlain(value) && isPlain(current) ? merge(current, value, copies) : copy(value, copies));
  }
  return base;
}

function copy(value, copies) {
  if (value === null || typeof value !== "object" || !(Array.isArray(value) || isPlain(value))) return value;
  if (copies.has(value)) return copies.get(value);
  const out = Array.isArray(value) ? [] : {};
  copies.set(value, out);
  for (const [key, item] of Object.entries(value)) own(out, key, copy(item, copies));
  return out;
}

function own(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlain(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function kindOf(value) {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : \`a \${typeof value}\`;
}

function freshRequestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return \`1-\${hex.slice(0, 8)}-\${hex.slice(8, 16)}-\${hex.slice(16, 28)}\`;
}
`;
  const dts = `${banner(model, undefined, "//")}
import type { ContextOf, Runtime } from "@fc-context/types";

/** Overrides of a context: any attribute; nested objects merge into the defaults, maps are replaced. */
export type Overrides<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? string extends keyof T[K]
        ? T[K]
        : Overrides<T[K]>
      : T[K];
};

/**
 * A realistic context of the runtime (any id FC accepts; python3.6 is python3) for tests: no
 * role, tracing off, LATEST, a fresh request id per call. Overrides merge into it; the result is
 * checked by the runtime's validator. Throws TypeError for a runtime id FC does not know, and
 * FCContextValidationError (from @fc-context/validators) for overrides that are not an object,
 * throw when read, or make the context invalid; nothing else. Overrides are copied, and every key
 * lands as an own property (__proto__ included).
 */
export declare function fakeContext<R extends Runtime>(runtime: R, overrides?: Overrides<ContextOf<R>>): ContextOf<R>;
`;
  return new Map([
    ["index.js", `${js}${eventsCode(model)}`],
    ["index.d.ts", `${dts}${eventsDeclarations(model)}`],
  ]);
}

/** fakeEvent: each kind's example (its first valid vendor sample), overrides merged, checked by the kind's validator. */
function eventsCode(model: Model): string {
  const { kinds } = model.events;
  if (kinds.length === 0) return "";
  const name = (kind: string) => `event${namespaceOf(kind.replaceAll("-", "_"))}`;
  return `
// Trigger events: each kind's example (spec/events: its first valid vendor sample, else built
// from its schema) and its validator.
${kinds.map((e) => `import { assertEvent as ${name(e.kind)} } from "@fc-context/validators/events/${e.kind}";`).join("\n")}
import { EventValidationError } from "@fc-context/validators/events";

const events = {
${kinds.map((e) => `  // from ${e.example.from}\n  ${JSON.stringify(e.kind)}: { assert: ${name(e.kind)}, example: ${JSON.stringify(e.example.value)} },`).join("\n")}
};
const KINDS = ${JSON.stringify(kinds.map((e) => e.kind).join(", "))};

export function fakeEvent(kind, overrides) {
  if (typeof kind !== "string" || !Object.hasOwn(events, kind)) {
    const named = typeof kind === "string" ? JSON.stringify(kind) : \`(\${kindOf(kind)})\`;
    throw new TypeError(\`unknown event kind \${named}: expected one of \${KINDS}\`);
  }
  const { assert, example } = events[kind];
  let event;
  try {
    if (overrides === undefined || overrides === null) event = structuredClone(example);
    else if (isPlain(example) && isPlain(overrides)) event = merge(structuredClone(example), overrides, new Map());
    else event = copy(overrides, new Map());
  } catch {
    const message = "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)";
    throw new EventValidationError(kind, [{ path: "", message, keyword: "read" }]);
  }
  assert(event);
  // what parse could not read back: JSON nested deeper than it reads (a cycle is endless nesting)
  if (deeper(event, 0)) {
    const message = "nested deeper than 256 levels, which parse does not read";
    throw new EventValidationError(kind, [{ path: "", message, keyword: "maxDepth" }]);
  }
  return event;
}

function deeper(value, depth) {
  if (depth > 256) return true;
  if (value === null || typeof value !== "object") return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((child) => deeper(child, depth + 1));
}
`;
}

function eventsDeclarations(model: Model): string {
  if (model.events.kinds.length === 0) return "";
  return `
import type { EventKind, EventOf } from "@fc-context/types/events";

/** Overrides of an event: any member; nested objects merge into the example, arrays are replaced. */
export type EventOverrides<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? EventOverrides<T[K]> : T[K] }
    : T;

/**
 * A realistic event of a trigger kind for tests: the kind's first valid vendor sample (a schema-built
 * one for a kind without), overrides merged in (an event that is no object, a batch or a text, is
 * replaced by them), checked by the kind's validator. Throws TypeError for a kind there is not, and
 * EventValidationError (from @fc-context/validators/events) for overrides that make it invalid.
 */
export declare function fakeEvent<K extends EventKind>(kind: K, overrides?: EventOverrides<EventOf<K>>): EventOf<K>;
`;
}
