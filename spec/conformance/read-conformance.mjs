// The one reader of the conformance data (the format: README.md here), for every package's tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "lossless-json";
import { layoutRuntimes, runtimeOfId } from "../read-layout.mjs";

export const conformanceDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * A data file's JSON read without loss: JSON.parse would round an int the runtime held past 2**53 - 1
 * to its neighbour, and a test comparing with the rounded value would pass where the product rounds
 * too. Such an int is a BigInt; every other number a number.
 */
export function readExactJson(file) {
  return parse(readFileSync(file, "utf8"), null, (text) =>
    /^-?[0-9]+$/.test(text) && !Number.isSafeInteger(Number(text)) ? BigInt(text) : Number(text),
  );
}

/** Every recorded case, sorted by name. */
export function readCases() {
  const dir = path.join(conformanceDir, "cases");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => readExactJson(path.join(dir, file)));
}

/** The recorded baggage header values and what the runtime's parser made of each. */
export function readBaggage() {
  return readExactJson(path.join(conformanceDir, "baggage.json"));
}

/** A case whose headers a real client's sending code produced (not a hand-made probe). */
export function fromClient(testCase) {
  return !testCase.origin.startsWith("probe:");
}

/**
 * The observation that stands for a runtime on a path, or undefined when the case has none for it.
 * A runtime with no public code of its own (python3.10) stands on the latest earlier runtime of
 * its model that was observed, and an alias on its runtime (the layout says which share a model).
 * The concurrent path was observed once for the runtimes of one model: it stands for the runtimes
 * sharing the model of those observed on the default path (for every runtime, when a case holds no
 * default-path observation, as a case written from a concurrent-path probe report does).
 */
export function observed(testCase, runtime, path) {
  const own = runtimeOfId(runtime);
  if (own === undefined) return undefined;
  const byRuntime = testCase.observed.default ?? {};
  const recorded = layoutRuntimes().filter((r) => Object.hasOwn(byRuntime, r.id));
  if (path === "concurrent") {
    const stands = recorded.length === 0 || recorded.some((r) => r.model === own.model);
    return stands ? testCase.observed.concurrent : undefined;
  }
  const order = layoutRuntimes();
  const standIn = recorded.filter((r) => r.model === own.model && order.indexOf(r) <= order.indexOf(own)).at(-1);
  return standIn === undefined ? undefined : byRuntime[standIn.id];
}
