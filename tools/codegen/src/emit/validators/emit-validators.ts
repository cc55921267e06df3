import type { Model, Runtime } from "../../model.js";
import { banner } from "../banner.js";
import { deriveRuntimeSchema } from "../derive-json-schema.js";
import { needsCodePoints, standaloneValidator, UCS2LENGTH_SOURCE } from "./standalone-validator.js";

/**
 * @fc-context/validators: per runtime id, an ES module with two precompiled ajv validators of
 * the attribute view (a fast boolean guard and an all-errors one), its declarations typed
 * through @fc-context/types, and the derived JSON Schema itself. Aliases re-export their runtime.
 */
export async function emitValidators(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const runtime of model.runtimes) {
    files.set(`${runtime.id}.js`, validatorModule(model, runtime));
    files.set(`${runtime.id}.d.ts`, validatorDeclarations(model, runtime, runtime.id));
    files.set(`${runtime.id}.schema.json`, `${JSON.stringify(deriveRuntimeSchema(runtime), null, 2)}\n`);
    for (const alias of runtime.aliases) {
      const reexport = `${banner(model, runtime, "//")}// ${alias} is another name FC accepts for ${runtime.id}.\nexport * from "./${runtime.id}.js";\n`;
      files.set(`${alias}.js`, reexport);
      files.set(`${alias}.d.ts`, reexport);
    }
  }
  return files;
}

/** Where each class sits in a context, by JSON pointer: issues name the class they are about. */
function classPaths(runtime: Runtime): Record<string, string> {
  const paths: Record<string, string> = {};
  const visit = (className: string, pointer: string) => {
    paths[pointer] = className;
    const cls = runtime.classes.find((c) => c.name === className)!;
    for (const field of cls.fields) if (field.json?.classRef !== undefined) visit(field.json.classRef, `${pointer}/${field.name}`);
  };
  visit(runtime.root, "");
  return paths;
}

function validatorModule(model: Model, runtime: Runtime): string {
  const schema = deriveRuntimeSchema(runtime, { annotations: false });
  const countCodePoints = needsCodePoints(runtime);
  const fast = standaloneValidator(schema, { fast: true, countCodePoints });
  const full = standaloneValidator(schema, { fast: false, countCodePoints });
  return `${banner(model, runtime, "//")}
import { FCContextValidationError, readFailure, toIssues } from "../lib/report.js";

export { FCContextValidationError };
export const runtime = ${JSON.stringify(runtime.id)};
export const specVersion = ${JSON.stringify(model.specVersion)};
export const schemaId = ${JSON.stringify(runtime.schemaId)};

const classes = ${JSON.stringify(classPaths(runtime))};
${countCodePoints ? `\n${UCS2LENGTH_SOURCE}` : ""}
// ajv standalone code, compiled at generation time: the first stops at the first fault
// and builds no errors; the second collects every fault.
const check = ${fast};
const collect = ${full};

export function isFCContext(value) {
  try {
    return check(value);
  } catch {
    return false;
  }
}

export function validateFCContext(value) {
  let valid;
  try {
    valid = collect(value);
  } catch {
    return { ok: false, issues: [readFailure()] };
  }
  return valid ? { ok: true, value } : { ok: false, issues: toIssues(collect.errors, value, runtime, classes) };
}

export function assertFCContext(value) {
  const result = validateFCContext(value);
  if (!result.ok) throw new FCContextValidationError(runtime, result.issues);
}
`;
}

function validatorDeclarations(model: Model, runtime: Runtime, id: string): string {
  return `${banner(model, runtime, "//")}
import type { FCContext } from "@fc-context/types/${id}";
import type { ValidationResult } from "../lib/report.js";

export type { FCContext };
export { FCContextValidationError, type ValidationIssue, type ValidationResult } from "../lib/report.js";

/** The FC runtime id these validators check. */
export declare const runtime: ${JSON.stringify(runtime.id)};
/** The version of the spec these validators were generated from. */
export declare const specVersion: ${JSON.stringify(model.specVersion)};
/** The $id of the runtime's spec file. */
export declare const schemaId: ${JSON.stringify(runtime.schemaId)};

/**
 * True when value is a well-formed ${runtime.id} context (attribute view). Stops at the first
 * fault and never throws, whatever value is (throwing getters and proxies included).
 */
export declare function isFCContext(value: unknown): value is FCContext;

/**
 * Checks value against the ${runtime.id} spec and lists every fault: each issue has a JSON
 * pointer \`path\`, a \`message\` saying what was expected, and the failed \`keyword\`. Messages
 * never show string values, so secrets (access_key_secret, security_token) never leak.
 */
export declare function validateFCContext(value: unknown): ValidationResult<FCContext>;

/** Throws FCContextValidationError, whose message lists every issue, unless value is a well-formed ${runtime.id} context. */
export declare function assertFCContext(value: unknown): asserts value is FCContext;
`;
}
