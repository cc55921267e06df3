// The one reader of the layout (@fc-context/types/layout.json, generated from spec/ by
// `npm run generate`), for every test that loops over runtimes: no test keeps its own list.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The layout: each runtime's ids, Python version and module, shared model, and packages' exports. */
export function readLayout() {
  return require("@fc-context/types/layout.json");
}

/** Every runtime, in the spec's order (by Python version). */
export function layoutRuntimes() {
  return readLayout().runtimes;
}

/** Every trigger event kind, by id. */
export function layoutEvents() {
  return readLayout().events;
}

/** Every id FC accepts, each runtime followed by its aliases. */
export function everyId() {
  return layoutRuntimes().flatMap((runtime) => runtime.ids);
}

/** The runtime an id names (an alias names its runtime), or undefined. */
export function runtimeOfId(id) {
  return layoutRuntimes().find((runtime) => runtime.ids.includes(id));
}

/**
 * An id the spec does not have, for tests that need a new or an unknown runtime: python3.N for the
 * first N past every runtime's minor version (python3.13 while python3.12 is the newest).
 */
export function newRuntimeId() {
  const minors = layoutRuntimes().map((runtime) => Number(runtime.pythonVersion.split(".")[1]));
  return `python3.${Math.max(...minors) + 1}`;
}

/** The groups of runtimes that share one model, where a model has more than one runtime. */
export function sharedModels() {
  const runtimes = layoutRuntimes();
  const models = [...new Set(runtimes.map((runtime) => runtime.model))];
  return models.map((model) => runtimes.filter((r) => r.model === model)).filter((group) => group.length > 1);
}
