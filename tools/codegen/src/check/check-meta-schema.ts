import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { joinPointer } from "../load/json-pointer.js";
import type { EventTree } from "../load/load-events.js";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import { issueAt, SpecError, type SpecIssue } from "../spec-error.js";
import { checkDraftGaps } from "./check-draft.js";

type FormatsPlugin = (ajv: Ajv2020, formats: string[]) => Ajv2020;
// ajv-formats is CommonJS whose module.exports is the plugin; its types describe only `.default`.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  formatsModule) as unknown as FormatsPlugin;

/**
 * Checks every spec file against spec/meta.schema.json before anything reads it, so later
 * stages may rely on the shape. All files are checked and all their faults reported together; a
 * spec still holding draft gaps is refused first, naming each one.
 */
export function checkMetaSchema(tree: SpecTree): void {
  // an unfinished draft would fail the meta-schema in less helpful words
  checkDraftGaps(tree);
  checkFiles(tree.metaSchema, tree.files);
}

/** Checks every file of the events' family (spec/events/) against its own meta-schema. */
export function checkEventsMetaSchema(tree: EventTree): void {
  checkFiles(tree.metaSchema, tree.files);
}

function checkFiles(metaSchema: SpecFile, files: readonly SpecFile[]): void {
  const validate = compiled(metaSchema.value);
  const issues: SpecIssue[] = [];
  for (const file of files) {
    if (!validate(file.value)) issues.push(...toIssues(file, validate.errors ?? []));
  }
  if (issues.length > 0) throw new SpecError(issues);
}

// Compiling the meta-schema costs more than loading and normalizing the whole spec; a process that
// checks several specs (the release diff builds two models, the test suites hundreds) compiles each
// meta-schema text once.
const validators = new Map<string, ValidateFunction>();

function compiled(metaSchema: unknown): ValidateFunction {
  const key = JSON.stringify(metaSchema);
  let validate = validators.get(key);
  if (validate === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      strictTypes: false,
    });
    addFormats(ajv, ["uri", "regex"]);
    validate = ajv.compile(metaSchema as object);
    validators.set(key, validate);
  }
  return validate;
}

function toIssues(file: SpecFile, errors: readonly ErrorObject[]): SpecIssue[] {
  // anyOf also reports each failed branch at the same place; the branches say less than the anyOf.
  const anyOfAt = new Set(errors.filter((error) => error.keyword === "anyOf").map((error) => error.instancePath));
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    if (error.keyword === "if" || error.keyword === "propertyNames") continue;
    if (error.keyword !== "anyOf" && anyOfAt.has(error.instancePath)) continue;
    const issue = toIssue(file, error);
    const key = `${issue.pointer}\u0000${issue.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(file: SpecFile, error: ErrorObject): SpecIssue {
  const params = error.params as Record<string, unknown>;
  const described = describedBy(error.parentSchema);
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    return issueAt(
      file,
      joinPointer(error.instancePath, propertyName),
      `a property name that is ${described ?? `valid (${error.message})`}`,
      propertyName,
    );
  }
  switch (error.keyword) {
    case "required":
      return issueAt(file, error.instancePath, `the property "${String(params.missingProperty)}"`);
    case "additionalProperties":
    case "unevaluatedProperties": {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = allowedNames(error.parentSchema);
      const hint =
        allowed === undefined ? "see spec/README.md for the keywords allowed here" : `allowed: ${allowed.join(", ")}`;
      return issueAt(file, joinPointer(error.instancePath, name), `no property "${name}" here (${hint})`);
    }
    case "enum":
      return issueAt(
        file,
        error.instancePath,
        described ?? `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
        error.data,
      );
    case "const":
      return issueAt(file, error.instancePath, `the value ${JSON.stringify(params.allowedValue)}`, error.data);
    case "type":
      return issueAt(file, error.instancePath, `a value of JSON type ${String(params.type)}`, error.data);
    case "pattern":
    case "not":
      return issueAt(file, error.instancePath, described ?? `a string matching ${String(params.pattern)}`, error.data);
    case "format":
      return issueAt(file, error.instancePath, `a valid ${String(params.format)}`, error.data);
    case "anyOf":
      return issueAt(file, error.instancePath, described ?? "a value matching one of the allowed forms", error.data);
    case "uniqueItems":
      return issueAt(file, error.instancePath, "no duplicate items", error.data);
    default:
      return issueAt(
        file,
        error.instancePath,
        `a value that satisfies "${error.keyword}" (${error.message ?? "invalid"})`,
        error.data,
      );
  }
}

function describedBy(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const description = (schema as { description?: unknown }).description;
  if (typeof description !== "string") return undefined;
  return description.charAt(0).toLowerCase() + description.slice(1).replace(/\.$/, "");
}

function allowedNames(schema: unknown): string[] | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  return Object.keys(properties);
}
