import { readFileSync } from "node:fs";
import { transformSync } from "esbuild";
import type { Model, Runtime } from "../../model.js";
import { attributeFields, modelOwner, modelSharers } from "../../model.js";
import { aliasModule, banner, bannerComment, theRuntimes } from "../banner.js";
import { deriveJsonViewSchema, deriveRuntimeSchema } from "../derive-json-schema.js";
import { classOf, serializes } from "../wire-shapes.js";
import { jsDoc } from "../wrap-prose.js";
import { eventValidatorFiles } from "./emit-event-validators.js";
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
    const owner = modelOwner(model, runtime);
    const sharers = modelSharers(model, owner);
    const module = (view: View, dot: string): string => {
      if (sharers.length === 1) return validatorModule(model, runtime, report, view);
      const shared = `${owner.id}${dot}.shared.js`;
      if (owner === runtime) files.set(shared, sharedValidatorModule(model, owner, sharers, report, view));
      return boundValidatorModule(model, runtime, shared, view);
    };
    files.set(`${runtime.id}.js`, module("attributes", ""));
    files.set(`${runtime.id}.d.ts`, validatorDeclarations(model, runtime, runtime.id, "attributes"));
    if (serializes(runtime)) {
      files.set(`${runtime.id}.json.js`, module("json", ".json"));
      files.set(`${runtime.id}.json.d.ts`, validatorDeclarations(model, runtime, runtime.id, "json"));
    }
    files.set(
      `${runtime.id}.schema.json`,
      `${JSON.stringify({ $comment: bannerComment(model, runtime), ...deriveRuntimeSchema(runtime) }, null, 2)}\n`,
    );
    for (const alias of runtime.aliases) {
      const reexport = aliasModule(model, runtime, alias);
      files.set(`${alias}.js`, reexport);
      files.set(`${alias}.d.ts`, reexport);
      if (serializes(runtime)) {
        const json = aliasModule(model, runtime, alias, `./${runtime.id}.json.js`);
        files.set(`${alias}.json.js`, json);
        files.set(`${alias}.json.d.ts`, json);
      }
    }
  }
  for (const [name, text] of eventValidatorFiles(model)) files.set(name, text);
  return files;
}

type View = "attributes" | "json";

/** Where each class sits in a context, by JSON pointer: issues name the class they are about. */
function classPaths(runtime: Runtime, view: View): Record<string, string> {
  const paths: Record<string, string> = {};
  const visit = (className: string, pointer: string) => {
    paths[pointer] = view === "json" ? `${className}JSON` : className;
    const cls = classOf(runtime, className);
    for (const field of attributeFields(cls))
      if (field.json?.classRef !== undefined)
        visit(field.json.classRef, `${pointer}/${view === "json" ? field.toJsonKey : field.name}`);
  };
  visit(runtime.root, "");
  return paths;
}

/** The JSON pointers of secret values in a view: messages describe what is there by kind only. */
function secretPaths(runtime: Runtime, view: View): string[] {
  const paths: string[] = [];
  const visit = (className: string, pointer: string) => {
    for (const field of attributeFields(classOf(runtime, className))) {
      const at = `${pointer}/${view === "json" ? field.toJsonKey : field.name}`;
      if (field.json?.classRef !== undefined) visit(field.json.classRef, at);
      else if (field.secret) paths.push(at);
    }
  };
  visit(runtime.root, "");
  return paths;
}

/** The report as one minified expression whose value holds its exports. */
function inlinedReport(): string {
  const minified = transformSync(REPORT_SOURCE, {
    minify: true,
    format: "esm",
    target: "es2022",
    legalComments: "none",
  }).code;
  const exports = /export\{([^}]*)\};?\s*$/.exec(minified);
  if (exports === null) throw new Error("unexpected esbuild output for report-runtime.js");
  const names = exports[1]!.split(",").map((entry) => {
    const [local, exported] = entry.split(" as ");
    return `${exported ?? local}:${local}`;
  });
  return `(()=>{${minified.slice(0, exports.index)}return{${names.join(",")}}})()`;
}

function validatorModule(model: Model, runtime: Runtime, report: string, view: View): string {
  const suffix = view === "json" ? "JSON" : "";
  const ids = `export const runtime = ${JSON.stringify(runtime.id)};
export const specVersion = ${JSON.stringify(model.specVersion)};
export const schemaId = ${JSON.stringify(runtime.schemaId)};
`;
  return `${banner(model, runtime, "//")}
${checkingCode(runtime, report, view, ids)}
${bindingCode(suffix, "export ")}`;
}

/**
 * The validators of the runtimes that share one model (python3, python3.9, python3.10), written
 * once: each runtime's module binds them to its id, which its issues and errors carry.
 */
function sharedValidatorModule(model: Model, owner: Runtime, sharers: readonly Runtime[], report: string, view: View) {
  const suffix = view === "json" ? "JSON" : "";
  const bound = bindingCode(suffix, "")
    .trimEnd()
    .split("\n")
    .map((line) => (line === "" ? line : `  ${line}`))
    .join("\n");
  return `${banner(model, undefined, "//")}
// The validators of ${theRuntimes(sharers)}: one model, one code. Each runtime's module binds them
// to its id, which its issues and errors carry.
${checkingCode(owner, report, view, "")}
export function bind(runtime) {
${bound}

  return { validateFCContext${suffix}, assertFCContext${suffix} };
}
`;
}

/** The module of a runtime that shares its model's validators: them, bound to its id. */
function boundValidatorModule(model: Model, runtime: Runtime, shared: string, view: View): string {
  const suffix = view === "json" ? "JSON" : "";
  return `${banner(model, runtime, "//")}
import { bind, FCContextValidationError, isFCContext${suffix} } from "./${shared}";

export { FCContextValidationError, isFCContext${suffix} };
export const runtime = ${JSON.stringify(runtime.id)};
export const specVersion = ${JSON.stringify(model.specVersion)};
export const schemaId = ${JSON.stringify(runtime.schemaId)};

export const { validateFCContext${suffix}, assertFCContext${suffix} } = bind(runtime);
`;
}

/** The report, the class and secret tables, and the two ajv validators: nothing that names a runtime. */
function checkingCode(runtime: Runtime, report: string, view: View, ids: string): string {
  const schema = view === "json" ? deriveJsonViewSchema(runtime) : deriveRuntimeSchema(runtime, { annotations: false });
  const suffix = view === "json" ? "JSON" : "";
  const countCodePoints = needsCodePoints(runtime);
  const fast = standaloneValidator(schema, { fast: true, countCodePoints });
  const full = standaloneValidator(schema, { fast: false, countCodePoints });
  return `// The issue report (tools/codegen/src/emit/validators/report-runtime.js; readable in ./errors.js).
const { FCContextValidationError, readFailure, toIssues } = ${report};

export { FCContextValidationError };
${ids}
const classes = ${JSON.stringify(classPaths(runtime, view))};
const secrets = new Set(${JSON.stringify(secretPaths(runtime, view))});
${countCodePoints ? `\n${UCS2LENGTH_SOURCE}` : ""}
// ajv standalone code, compiled at generation time. The guard stops at the first fault, builds
// no errors and returns false where reading the value throws; the other collects every fault.
export const isFCContext${suffix} = ${fast};
const collect = ${full};
`;
}

/** validate and assert, over collect and runtime. */
function bindingCode(suffix: string, exported: "export " | ""): string {
  return `${exported}function validateFCContext${suffix}(value) {
  let valid;
  try {
    valid = collect(value);
  } catch {
    return { ok: false, issues: [readFailure()] };
  }
  if (valid) return { ok: true, value };
  return { ok: false, issues: toIssues(collect.errors, value, runtime, classes, secrets) };
}

${exported}function assertFCContext${suffix}(value) {
  const result = validateFCContext${suffix}(value);
  if (!result.ok) throw new FCContextValidationError(runtime, result.issues);
}
`;
}

function validatorDeclarations(model: Model, runtime: Runtime, id: string, view: View): string {
  const suffix = view === "json" ? "JSON" : "";
  const what =
    view === "json"
      ? `the to_json() view of a ${runtime.id} context (camelCase keys)`
      : `a ${runtime.id} context (attribute view)`;
  return `${banner(model, runtime, "//")}
import type { FCContext${suffix} } from "@fc-context/types/${id}";
import type { ValidationResult } from "./errors.js";

export type { FCContext${suffix} };
export { FCContextValidationError, type ValidationIssue, type ValidationResult } from "./errors.js";

/** The FC runtime id these validators check. */
export declare const runtime: ${JSON.stringify(runtime.id)};
/** The version of the spec these validators were generated from. */
export declare const specVersion: ${JSON.stringify(model.specVersion)};
/** The $id of the runtime's spec file. */
export declare const schemaId: ${JSON.stringify(runtime.schemaId)};

${jsDoc(
  `True when value is ${what}. Stops at the first fault and never throws, whatever value is ` +
    `(throwing getters and proxies included).`,
)}
export declare function isFCContext${suffix}(value: unknown): value is FCContext${suffix};

${jsDoc(
  `Checks value as ${what} and lists every fault: each issue has a JSON pointer \`path\`, a \`message\` ` +
    `saying what was expected, and the failed \`keyword\`. Messages never show string values, so secrets ` +
    `(access_key_secret, security_token) never leak.`,
)}
export declare function validateFCContext${suffix}(value: unknown): ValidationResult<FCContext${suffix}>;

${jsDoc(`Throws FCContextValidationError, whose message lists every issue, unless value is ${what}.`)}
export declare function assertFCContext${suffix}(value: unknown): asserts value is FCContext${suffix};
`;
}
