import { runtimes } from "@fc-context/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadVectors } from "./vectors.js";

// Values built to break validators: prototype keys, deep nesting, huge strings, sparse arrays,
// getters that throw, proxies, and near-valid contexts with one part replaced by anything.
const hostileKeys = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "request_id",
  "credentials",
  "function",
);
const leaf = fc.oneof(
  fc.anything(),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.constant(Number.NaN),
  fc.constant(-0),
  fc.bigInt(),
  fc.constant(Symbol("s")),
);
const hostile = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), tie("array"), tie("trap")),
  object: fc.dictionary(fc.oneof(hostileKeys, fc.string()), tie("value"), { maxKeys: 6 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries))
      Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
    return object;
  }),
  array: fc.sparseArray(tie("value"), { maxLength: 5 }),
  trap: fc.constantFrom(
    Object.defineProperty({}, "request_id", {
      enumerable: true,
      get: () => {
        throw new Error("getter");
      },
    }),
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
        get: () => {
          throw new Error("trap");
        },
      },
    ),
    Object.create({ inherited: true }),
    Object.create(null),
  ),
}));
const deep = fc.integer({ min: 1000, max: 5000 }).map((depth) => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { credentials: value };
  return value;
});

function nearValid(runtime: string) {
  const valid = loadVectors(runtime)
    .filter((v) => v.valid)
    .map((v) => v.value as Record<string, unknown>);
  return fc
    .tuple(fc.constantFrom(...valid), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }), hostile.value)
    .map(([base, path, replacement]) => {
      const copy = structuredClone(base);
      let node: Record<string, unknown> = copy;
      const keys = Object.keys(copy);
      const first = keys[path.length % keys.length]!;
      if (path.length === 0) node[first] = replacement;
      else if (typeof node[first] === "object" && node[first] !== null)
        (node[first] as Record<string, unknown>)[path[0]!] = replacement;
      else node = copy;
      return copy;
    });
}

function snapshot(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) =>
      typeof v === "bigint" ? `${v}n` : typeof v === "symbol" ? String(v) : v,
    );
  } catch {
    return "unserializable";
  }
}

describe.each(runtimes)("@fc-context/validators/%s under fuzzing", (runtime) => {
  it("never throws, never mutates, and isFCContext always agrees with validateFCContext", async () => {
    const { isFCContext, validateFCContext } = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`);
    const property = (value: unknown) => {
      const before = snapshot(value);
      const guard = isFCContext(value);
      const result = validateFCContext(value);
      expect(typeof guard).toBe("boolean");
      expect(result.ok).toBe(guard);
      if (!result.ok) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues)
          expect(typeof issue.path === "string" && typeof issue.message === "string").toBe(true);
      }
      expect(snapshot(value)).toBe(before);
    };
    const valid = fc.constantFrom(
      ...loadVectors(runtime)
        .filter((v) => v.valid)
        .map((v) => v.value),
    );
    fc.assert(fc.property(fc.oneof(hostile.value, nearValid(runtime), valid, deep), property), {
      numRuns: 400,
      seed: 20261124,
    });
  });
});
