// The one reader of the conformance data (the format: README.md here), for every package's tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const conformanceDir = path.dirname(fileURLToPath(import.meta.url));

/** Every recorded case, sorted by name. */
export function readCases() {
  const dir = path.join(conformanceDir, "cases");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")));
}

/** The recorded baggage header values and what the runtime's parser made of each. */
export function readBaggage() {
  return JSON.parse(readFileSync(path.join(conformanceDir, "baggage.json"), "utf8"));
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
