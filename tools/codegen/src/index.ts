// @fc-context/codegen's one public entry: what tools/release, the CLI's tests and the Python
// package's tests use of the generator. Everything else in src/ is the generator's own.
export { buildModel, buildOutputs, generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export type * from "./model.js";
export { attributeFields, findClass } from "./model.js";
export { entries, resolvesInRuntime, type Entry } from "./model-paths.js";
export { formatPythonLiteral, formatPythonType } from "./model-python.js";
export { pep440 } from "./pep440.js";
export { formatIssues, SpecError, type SpecIssue } from "./spec-error.js";
