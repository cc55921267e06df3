import { attributeFields, type Model, type PyClass, type Runtime } from "../../model.js";
import { banner } from "../banner.js";
import { namespaceOf } from "../types/emit-types.js";
import { classOf } from "../wire-shapes.js";

/**
 * @fc-context/testing: fakeContext(runtime, overrides), typed per runtime. The defaults are each
 * attribute's first spec example (the same defaults as Python's fake_context); the request id is
 * fresh per call; the result is checked by the runtime's validator, so it is valid by construction.
 */
export async function emitTesting(model: Model): Promise<Map<string, string>> {
  const defaults = (runtime: Runtime, cls: PyClass): Record<string, unknown> =>
    Object.fromEntries(attributeFields(cls).map((field) => [field.name, field.json?.classRef !== undefined ? defaults(runtime, classOf(runtime, field.json.classRef)) : field.examples[0]]));
  const requestIdPath = (runtime: Runtime) => attributeFields(runtime.classes[0]!).find((f) => f.header === "x-fc-request-id")?.name;
  const ids = model.runtimes.flatMap((runtime) => [runtime.id, ...runtime.aliases].map((id) => [id, runtime] as const));
  const js = `${banner(model, undefined, "//")}
${model.runtimes.map((r) => `import { assertFCContext as assert${namespaceOf(r.id)} } from "@fc-context/validators/${r.id}";`).join("\n")}

const runtimes = {
${model.runtimes.map((r) => `  ${JSON.stringify(r.id)}: { assert: assert${namespaceOf(r.id)}, requestId: ${JSON.stringify(requestIdPath(r) ?? null)}, defaults: ${JSON.stringify(defaults(r, r.classes[0]!))} },`).join("\n")}
};
const aliases = ${JSON.stringify(Object.fromEntries(ids.filter(([id, r]) => id !== r.id).map(([id, r]) => [id, r.id])))};

export function fakeContext(runtime, overrides = {}) {
  const id = Object.hasOwn(aliases, runtime) ? aliases[runtime] : runtime;
  if (!Object.hasOwn(runtimes, id)) throw new TypeError(\`unknown FC runtime id \${JSON.stringify(String(runtime))}: expected one of ${ids.map(([id]) => id).join(", ")}\`);
  const { assert, requestId, defaults } = runtimes[id];
  const context = merge(structuredClone(defaults), overrides);
  if (requestId !== null && !(overrides && Object.hasOwn(overrides, requestId))) context[requestId] = freshRequestId();
  assert(context);
  return context;
}

function merge(base, overrides) {
  for (const [key, value] of Object.entries(overrides ?? {})) {
    base[key] = isPlain(value) && isPlain(base[key]) ? merge(base[key], value) : structuredClone(value);
  }
  return base;
}

function isPlain(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
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
export type Overrides<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? (string extends keyof T[K] ? T[K] : Overrides<T[K]>) : T[K] };

/**
 * A realistic context of the runtime (any id FC accepts; python3.6 is python3) for tests: no
 * role, tracing off, LATEST, a fresh request id per call. Overrides merge into it; the result is
 * checked by the runtime's validator, and an impossible override throws FCContextValidationError.
 */
export declare function fakeContext<R extends Runtime>(runtime: R, overrides?: Overrides<ContextOf<R>>): ContextOf<R>;
`;
  return new Map([
    ["index.js", js],
    ["index.d.ts", dts],
  ]);
}
