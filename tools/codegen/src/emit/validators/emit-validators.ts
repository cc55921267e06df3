import { readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import type { Model, Runtime } from "../../model.js";
import { banner, bannerComment } from "../banner.js";
import { deriveRuntimeSchema } from "../derive-json-schema.js";
import { needsCodePoints, standaloneValidator, UCS2LENGTH_SOURCE } from "./standalone-validator.js";

/**
 * @fc-context/validators: per runtime id, an ES module with two precompiled ajv validators of
 * the attribute view (a fast boolean guard and an all-errors one), its declarations typed
 * through @fc-context/types, and the derived JSON Schema itself. Aliases re-export their runtime.
 */
// The issue report is part of the generator, like a template: read once, inlined everywhere.
const REPORT_SOURCE = readFileSync(new URL("./report-runtime.js", import.meta.url), "utf8");
const REPORT_DECLARATIONS = readFileSync(new URL("./report-runtime.d.ts", import.meta.url), "utf8");

export async function emitValidators(model: Model): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set("errors.js", `${banner(model, undefined, "//")}\n${REPORT_SOURCE}`);
  files.set("errors.d.ts", `${banner(model, undefined, "//")}\n${REPORT_DECLARATIONS}`);
  const report = inlinedReport();
  for (const runtime of model.runtimes) {
    files.set(`${runtime.id}.js`, validatorModule(model, runtime, report));
    files.set(`${runtime.id}.d.ts`, validatorDeclarations(model, runtime, runtime.id));
    files.set(`${runtime.id}.schema.json`, `${JSON.stringify({ $comment: bannerComment(model, runtime), ...deriveRuntimeSchema(runtime) }, null, 2)}\n`);
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

/** The report as one minified expression whose value holds its exports. */
function inlinedReport(): string {
  const minified = transformSync(REPORT_SOURCE, { minify: true, format: "esm", target: "es2022", legalComments: "none" }).code;
  const exports = /export\{([^}]*)\};?\s*$/.exec(minified);
  if (exports === null) throw new Error("unexpected esbuild output for report-runtime.js");
  const names = exports[1]!.split(",").map((entry) => {
    const [local, exported] = entry.split(" as ");
    return `${exported ?? local}:${local}`;
  });
  return `(()=>{${minified.slice(0, exports.index)}return{${names.join(",")}}})()`;
}

function validatorModule(model: Model, runtime: Runtime, report: string): string {
  const schema = deriveRuntimeSchema(runtime, { annotations: false });
  const countCodePoints = needsCodePoints(runtime);
  const fast = standaloneValidator(schema, { fast: true, countCodePoints });
  const full = standaloneValidator(schema, { fast: false, countCodePoints });
  return `${banner(model, runtime, "//")}
// The issue report (tools/codegen/src/emit/validators/report-runtime.js; readable in ./errors.js).
const { FCContextValidationError, readFailure, toIssues } = ${report};

export { FCContextValidationError };
export const runtime = ${JSON.stringify(runtime.id)};
export const specVersion = ${JSON.stringify(model.specVersion)};
export const schemaId = ${JSON.stringify(runtime.schemaId)};

const classes = ${JSON.stringify(classPaths(runtime))};
${countCodePoints ? `\n${UCS2LENGTH_SOURCE}` : ""}
// ajv standalone code, compiled at generation time. The guard stops at the first fault, builds
// no errors and returns false where reading the value throws; the other collects every fault.
export const isFCContext = ${fast};
const collect = ${full};

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
import type { ValidationResult } from "./errors.js";

export type { FCContext };
export { FCContextValidationError, type ValidationIssue, type ValidationResult } from "./errors.js";

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
