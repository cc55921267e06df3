// @fc-context/codegen's one public entry: what tools/release, the CLI's tests and the Python
// package's tests use of the generator. Everything else in src/ is the generator's own.
export { buildModel, buildOutputs, type GenerateOptions, type GenerateResult, generate } from "./generate.js";
export type * from "./model.js";
export { attributeFields, findClass } from "./model.js";
export { type Entry, entries, resolvesInRuntime } from "./model-paths.js";
export { formatPythonLiteral, formatPythonType } from "./model-python.js";
export { GOLDEN_MODEL_FILE, goldenModelText } from "./normalize/golden-model.js";
export { pep440 } from "./pep440.js";
export { formatIssues, SpecError, type SpecIssue } from "./spec-error.js";
