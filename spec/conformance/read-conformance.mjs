// The one reader of the conformance data (the format: README.md here), for every package's tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "lossless-json";

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
 * The observation that stands for a runtime on a path, or undefined when the case has none (a
 * case from a probe report holds one runtime and one path): python3.10 has no public runtime code
 * and follows the python3.9 model; the concurrent path was observed once for both runtimes.
 */
export function observed(testCase, runtime, path) {
  if (path === "concurrent") return testCase.observed.concurrent;
  const key = runtime === "python3.6" ? "python3" : runtime === "python3.10" ? "python3.9" : runtime;
  return testCase.observed.default?.[key];
}
