import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel, entries } from "@fc-context/codegen";
import { describe, expect, it } from "vitest";
import {
  fromClient,
  type Leaf,
  observed,
  readBaggage,
  readCases,
  type Tree,
} from "../../../spec/conformance/read-conformance.mjs";
import { everyId } from "../../../spec/read-layout.mjs";
import { InexactIntegerError } from "../gen/python-json.js";
import { decodeBaggage } from "../gen/wire-runtime.js";

// The conformance suite in TypeScript: every recorded invocation, replayed through fromHeaders on
// each path, must give exactly what the runtime built (values and types), or the same failure. The
// data is read without loss (readCases): where the runtime built an int past 2**53 - 1, the only
// right answer is a refusal naming its header, never a number that differs from the runtime's.
const paths = ["default", "concurrent"] as const;
const cases = readCases();
// every id the layout has that some case was observed for (an alias and python3.10 stand on others)
const runtimes = everyId().filter((id) => cases.some((testCase) => observed(testCase, id, "default") !== undefined));
const model = await buildModel(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.."));

type Json = Record<string, unknown>;

/** The observed tree as the attribute view: Python-only attributes (logger) and aliases left out. */
function attributeView(tree: Tree, skip: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const [name, node] of Object.entries(tree.attributes)) {
    if (skip.has(name)) continue;
    out[name] = "class" in node ? attributeView(node as Tree, skip) : node;
  }
  return out;
}

const PYTHON_TYPE: Record<string, (value: unknown) => boolean> = {
  str: (value) => typeof value === "string",
  int: (value) => (typeof value === "number" && Number.isInteger(value)) || typeof value === "bigint",
  NoneType: (value) => value === null,
  dict: (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  list: (value) => Array.isArray(value),
};

/** JSON's stand-in for floats it cannot hold, as the data writes them. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === "object") {
    const float = (value as Json).__float__;
    if (typeof float === "string") return { nan: NaN, inf: Infinity, "-inf": -Infinity }[float];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** The attribute paths ("function.timeout") of what the runtime built holding an int past 2**53 - 1. */
function inexactPaths(node: unknown, at: string[] = []): string[] {
  if (typeof node === "bigint") return [at.join(".")];
  if (node === null || typeof node !== "object") return [];
  const record = node as Json;
  // a leaf's value sits under "value", which is not part of the attribute's path
  if ("type" in record) return "value" in record ? inexactPaths(record.value, at).map(() => at.join(".")) : [];
  return Object.entries(record).flatMap(([name, child]) => inexactPaths(child, [...at, name]));
}

/** The header each attribute of a runtime is read from, by attribute path. */
function headersOf(runtime: string): Map<string, string> {
  const found = model.runtimes.find((r) => r.id === runtime || r.aliases.includes(runtime))!;
  return new Map(entries(found).flatMap((entry) => (entry.header === undefined ? [] : [[entry.path, entry.header]])));
}

/** Every mismatch between what we built and what the runtime built, by attribute path. */
function mismatches(built: unknown, expected: Json, at = ""): string[] {
  const out: string[] = [];
  for (const [name, node] of Object.entries(expected)) {
    const value = (built as Json)[name];
    const where = `${at}/${name}`;
    if (!("type" in (node as Json))) {
      out.push(...mismatches(value, node as Json, where));
      continue;
    }
    const leaf = node as Leaf;
    if (!PYTHON_TYPE[leaf.type]!(value))
      out.push(`${where}: expected a Python ${leaf.type}, built ${JSON.stringify(value)}`);
    else if (!leaf.arbitrary && !nanEqual(value, revive(leaf.value))) {
      out.push(`${where}: expected ${JSON.stringify(leaf.value)}, built ${JSON.stringify(value)}`);
    }
  }
  const extra = Object.keys(built as Json).filter((key) => !(key in expected));
  return [...out, ...extra.map((key) => `${at}/${key}: built, but the runtime has no such attribute`)];
}

function nanEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => nanEqual(item, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => nanEqual((a as Json)[key], (b as Json)[key]));
  }
  return a === b;
}

describe.each(runtimes)("conformance of @fc-context/wire/%s", (runtime) => {
  const rows = cases.flatMap((testCase) =>
    paths
      .filter((path) => observed(testCase, runtime, path) !== undefined)
      .map((path) => [testCase.name, path, testCase] as const),
  );

  it.each(rows)(
    "%s on the %s path: builds what the runtime built, or fails as it did",
    async (_name, path, testCase) => {
      const wire = await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`);
      const outcome = observed(testCase, runtime, path)!;
      const attempt = () => wire.fromHeaders(testCase.headers, { path });
      if ("context" in outcome) {
        const expected = attributeView(outcome.context, new Set(["logger", "requestId"]));
        const inexact = inexactPaths(expected);
        if (inexact.length === 0) expect(mismatches(attempt(), expected)).toEqual([]);
        else {
          const header = inexact.map((at) => headersOf(runtime).get(at));
          expect(attempt).toThrow(expect.objectContaining({ outcome: "unrepresentable", header: header[0] }));
        }
      } else {
        expect(attempt).toThrow(
          expect.objectContaining({ name: "FCHeaderError", outcome: "error" in outcome ? "error" : "not-invoked" }),
        );
      }
    },
  );

  it("validates every default-path context built from a real client's headers, and its to_json() view", async () => {
    const wire = await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`);
    const { isFCContext, validateFCContext } = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`);
    const { isFCContextJSON } = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}/json`);
    const clients = cases.filter(fromClient);
    expect(clients.length).toBeGreaterThanOrEqual(6);
    for (const testCase of clients) {
      const built = wire.fromHeaders(testCase.headers);
      // an arbitrary int (retry count without its header) may be anything a signed 64-bit long holds
      for (const retry of [built.retry_count, -1, Number.MAX_SAFE_INTEGER, -(2 ** 63)]) {
        const context = { ...built, retry_count: retry };
        expect(validateFCContext(context), testCase.name).toMatchObject({ ok: true });
        expect(isFCContext(context), testCase.name).toBe(true);
        expect(isFCContextJSON(wire.toJsonView(context)), testCase.name).toBe(true);
      }
    }
  });
});

describe("the baggage decoder", () => {
  it.each(readBaggage().map((entry) => [entry.name, entry] as const))(
    "%s: decodes as the runtime did",
    (_name, entry) => {
      for (const seen of Object.values(entry.observed)) {
        if (inexactPaths(seen.value).length > 0) {
          expect(() => decodeBaggage(entry.header_value)).toThrow(InexactIntegerError);
          continue;
        }
        const value = decodeBaggage(entry.header_value);
        expect(PYTHON_TYPE[seen.type]!(value)).toBe(true);
        expect(nanEqual(value, revive(seen.value))).toBe(true);
      }
    },
  );
});
