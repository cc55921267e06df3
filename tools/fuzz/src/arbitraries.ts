// What the fuzzer feeds both languages, as fast-check arbitraries (the same seed gives the same
// inputs): valid contexts drawn from the runtime's own JSON Schema, near-valid ones a mutation or
// two away, and header sets built from valid contexts with the oddities real clients send.
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { readonly [key: string]: unknown };

/**
 * A valid value of a JSON Schema as the generator derives them (type, properties, required, $ref,
 * pattern, minLength, minimum).
 */
export function validValue(schema: Schema, root: Schema = schema): fc.Arbitrary<Json> {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    return validValue((root.$defs as Record<string, Schema>)[name]!, root);
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
  if (["object", "array", "string", "number", "boolean"].every((t) => types.includes(t)))
    return fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
  const choices = types.map((type) => single(type, schema, root));
  return choices.length === 1 ? choices[0]! : fc.oneof(...choices);
}

function single(type: string, schema: Schema, root: Schema): fc.Arbitrary<Json> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = typeof schema.minimum === "number" ? schema.minimum : Number.MIN_SAFE_INTEGER;
      return fc.oneof(
        fc.integer({ min: Math.max(min, -(2 ** 31)), max: 2 ** 31 }),
        fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Number.MAX_SAFE_INTEGER }),
      );
    }
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "string":
      if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern));
      return text(typeof schema.minLength === "number" ? schema.minLength : 0);
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validValue(property, root)])),
      ) as fc.Arbitrary<Json>;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

/** Text as clients send it: ASCII mostly, any Unicode (astral, combining, lone surrogates) sometimes. */
function text(minLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: 24, unit: "grapheme-ascii" }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength: 12, unit: "grapheme" }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength: 12, unit: "binary" }) },
  );
}

const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  -1.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e21,
  1e308,
  -1e308,
  5e-324,
  60.0,
  1e-7,
];

/** A value that breaks a rule, or sits at its edge. */
export const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom(...EDGE_NUMBERS),
  fc.constantFrom("", " ", "0", "null", "\u0000", "\ud800", "\u{1f600}", "e\u0301", "\uff15\uff11\uff12"),
  fc.constantFrom(null, true, false, [], {}),
  fc.integer({ min: 10_000, max: 40_000 }).map((length) => "x".repeat(length)),
  fc.integer({ min: 10, max: 150 }).map((depth) => nested(depth)),
);

function nested(depth: number): Json {
  let value: Json = "leaf";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { k: value } : [value];
  return value;
}

/** Every path to a value inside a JSON value, objects' keys and arrays' indexes. */
function paths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== "object") return [at];
  const children = Array.isArray(value)
    ? value.map((item, index) => paths(item, [...at, index]))
    : Object.entries(value).map(([key, item]) => paths(item, [...at, key]));
  return [at, ...children.flat()];
}

function objectPaths(value: Json): Array<Array<string | number>> {
  return paths(value).filter((at) => {
    const node = get(value, at);
    return node !== null && typeof node === "object" && !Array.isArray(node);
  });
}

function get(value: Json, at: ReadonlyArray<string | number>): Json | undefined {
  let node: Json | undefined = value;
  for (const key of at)
    node = node !== null && typeof node === "object" ? (node as Record<string, Json>)[key as string] : undefined;
  return node;
}

function set(value: Json, at: ReadonlyArray<string | number>, replacement: Json | undefined): Json {
  if (at.length === 0) return replacement === undefined ? null : replacement;
  const parent = get(value, at.slice(0, -1));
  if (parent === null || typeof parent !== "object") return value;
  const key = at.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key as string];
  } else {
    // an own property, as JSON.parse makes it, even for "__proto__" (an assignment would set the prototype)
    Object.defineProperty(parent, key, { value: replacement, enumerable: true, configurable: true, writable: true });
  }
  return value;
}

export interface Mutation {
  readonly kind: "replace" | "delete" | "add" | "secret";
  readonly pick: number;
  readonly key: string;
  readonly value: Json;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("replace", "replace", "delete", "add", "secret"),
  pick: fc.nat(),
  key: fc.oneof(
    fc.constantFrom("extra", "__proto__", "constructor", "request_id", "requestId", "toString"),
    fc.string({ maxLength: 8 }),
  ),
  value: oddValue,
});

/** A valid value changed by one or two mutations; secretPaths say where a secret of another type goes. */
export function nearValid(
  valid: fc.Arbitrary<Json>,
  secretPaths: ReadonlyArray<readonly string[]>,
): fc.Arbitrary<Json> {
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([base, mutations]) => {
    let value = structuredClone(base);
    for (const m of mutations) value = apply(value, m, secretPaths);
    return value;
  });
}

function apply(value: Json, shared: Mutation, secretPaths: ReadonlyArray<readonly string[]>): Json {
  // a copy: constants ([], {}) are one object across samples, and two mutations could tie a knot
  const m = { ...shared, value: structuredClone(shared.value) };
  if (m.kind === "secret" && secretPaths.length > 0)
    return set(value, secretPaths[m.pick % secretPaths.length]!, m.value);
  if (m.kind === "add") {
    const objects = objectPaths(value);
    return objects.length === 0 ? value : set(value, [...objects[m.pick % objects.length]!, m.key], m.value);
  }
  const all = paths(value).filter((at) => at.length > 0);
  if (all.length === 0) return m.value;
  const at = all[m.pick % all.length]!;
  return set(value, at, m.kind === "delete" ? undefined : m.value);
}

// ---- header sets ----

export type HeaderPairs = Array<[string, Json]>;

const INT_TEXT = [
  "+512",
  "-1",
  "1_024",
  "1__0",
  "_1",
  "\uff15\uff11\uff12",
  "\u0663",
  "1e3",
  "0x10",
  " 60 ",
  "60s",
  "sixty",
  "",
  "12.5",
  "99999999999999999999",
  "9223372036854775808",
  "-0",
  "00",
];
const INT_HEADERS = ["x-fc-function-memory", "x-fc-function-timeout", "x-fc-retry-count", "x-fc-function-type"];
const BAGGAGE = "x-fc-tracing-opentracing-span-baggages";

/** The base64 of a JSON text in the shapes clients produce, and text that is not base64 or not JSON. */
const baggage: fc.Arbitrary<string> = fc
  .tuple(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom("standard", "unpadded", "urlsafe", "padded", "spaced", "latin1", "not-json", "garbage"),
  )
  .map(([value, shape]) => {
    const json = JSON.stringify(value) ?? "null";
    const b64 = Buffer.from(json, "utf8").toString("base64");
    switch (shape) {
      case "unpadded":
        return b64.replace(/=+$/, "");
      case "urlsafe":
        return Buffer.from(json, "utf8").toString("base64url");
      case "padded":
        return `${b64}==`;
      case "spaced":
        return b64.replace(/(.{4})/g, "$1 \n");
      case "latin1":
        return Buffer.from(json, "latin1").toString("base64");
      case "not-json":
        return Buffer.from(`{${json}`, "utf8").toString("base64");
      case "garbage":
        return "not base64!\u00e9";
      default:
        return b64;
    }
  });

export interface HeaderMutation {
  readonly kind: "remove" | "empty" | "repeat" | "case" | "space" | "int" | "baggage" | "unicode" | "number";
  readonly pick: number;
  readonly text: string;
}

const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("remove", "empty", "repeat", "case", "space", "number"),
    pick: fc.nat(),
    text: text(0),
  }),
  fc.record({
    kind: fc.constant("int"),
    pick: fc.nat(),
    text: fc.oneof(fc.constantFrom(...INT_TEXT), fc.integer().map(String)),
  }),
  fc.record({ kind: fc.constant("baggage"), pick: fc.nat(), text: baggage }),
  fc.record({ kind: fc.constant("unicode"), pick: fc.nat(), text: fc.string({ maxLength: 10, unit: "binary" }) }),
) as fc.Arbitrary<HeaderMutation>;

/** Header lines of a valid context, changed zero to four times. */
export function headerSets(headersOf: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<HeaderPairs> {
  return fc.tuple(headersOf, fc.array(headerMutation, { maxLength: 4 })).map(([headers, mutations]) => {
    let pairs: HeaderPairs = Object.entries(headers);
    for (const m of mutations) pairs = applyHeader(pairs, m);
    return pairs;
  });
}

function applyHeader(pairs: HeaderPairs, m: HeaderMutation): HeaderPairs {
  if (m.kind === "int") return upsert(pairs, INT_HEADERS[m.pick % INT_HEADERS.length]!, m.text);
  if (m.kind === "baggage") return upsert(pairs, BAGGAGE, m.text);
  if (pairs.length === 0) return pairs;
  const index = m.pick % pairs.length;
  const [name, value] = pairs[index]!;
  const out = [...pairs];
  switch (m.kind) {
    case "remove":
      out.splice(index, 1);
      break;
    case "empty":
      out[index] = [name, ""];
      break;
    case "repeat":
      out.splice(index + 1, 0, [name, m.text]);
      break;
    case "case":
      out[index] = [
        name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase()),
        value,
      ];
      break;
    case "space":
      out[index] = [name, ` ${String(value)}\t `];
      break;
    case "number":
      out[index] = [name, Number.parseInt(String(value), 10) || 7];
      break;
    case "unicode":
      out[index] = [name, m.text];
      break;
  }
  return out;
}

function upsert(pairs: HeaderPairs, name: string, value: string): HeaderPairs {
  const out = pairs.filter(([key]) => key.toLowerCase() !== name);
  out.push([name, value]);
  return out;
}

// ---- anything at all, for the contracts of the public entry points ----

/** The object, printable by fast-check's reporter however hostile it is to read. */
function named<T extends object>(description: string, value: T): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => description, enumerable: false });
  return value;
}

/** An object whose reading throws: a getter, a proxy whose every trap throws, a toJSON that throws; and cycles. */
const trap: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () =>
      named(
        "a throwing getter",
        Object.defineProperty({}, "request_id", {
          enumerable: true,
          get: () => {
            throw new Error("getter");
          },
        }),
      ),
    () =>
      new Proxy(named("a throwing proxy", {}), {
        ownKeys: () => {
          throw new Error("trap");
        },
        get: (target, key) => {
          if (key === fc.toStringMethod) return Reflect.get(target, key);
          throw new Error("trap");
        },
        getPrototypeOf: () => {
          throw new Error("trap");
        },
      }),
    () => Object.create(null) as object,
    () =>
      named("an object whose toJSON throws", {
        toJSON: () => {
          throw new Error("toJSON");
        },
      }),
    () => {
      const cycle: Record<string, unknown> = { request_id: "r" };
      cycle.credentials = cycle;
      cycle.function = [cycle];
      return cycle;
    },
    () =>
      named(
        "a Map whose value throws in toString",
        new Map([
          [
            "x-fc-request-id",
            named("x", {
              toString: () => {
                throw new Error("toString");
              },
            }),
          ],
        ]),
      ),
    () => Object.assign(Object.create(null) as object, { "x-fc-request-id": Object.create(null) as object }),
  )
  .map((make) => make());

/**
 * Any JavaScript value: fast-check's anything with boxed values, maps, sets, null prototypes,
 * BigInt, typed arrays and sparse arrays; throwing getters, proxies and toJSON, and cycles; huge and deep
 * values; and near-valid contexts with one of those at any path.
 */
export function hostile(valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> {
  const anything = fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBigInt: true,
    withTypedArray: true,
    withSparseArray: true,
    withDate: true,
    maxDepth: 3,
  });
  const leaf = fc.oneof(anything, trap, oddValue as fc.Arbitrary<unknown>);
  const planted = fc.tuple(valid, fc.nat(), leaf).map(([base, pick, value]) => {
    const copy = structuredClone(base);
    const all = paths(copy).filter((at) => at.length > 0);
    if (all.length === 0) return value;
    const at = all[pick % all.length]!;
    const parent = get(copy, at.slice(0, -1));
    if (parent !== null && typeof parent === "object")
      Object.defineProperty(parent, at.at(-1)!, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });
  return fc.oneof(anything, trap, planted, planted);
}
