import type { EventTree } from "../load/load-events.js";
import { isRuntimeFile, type SpecFile, type SpecTree } from "../load/load-spec.js";
import type { Model, PyClass, PyType, Runtime, SourceKey } from "../model.js";
import { resolvesInRuntime } from "../model-paths.js";
import { pep440 } from "../pep440.js";
import { issueAt, SpecError, type SpecIssue } from "../spec-error.js";
import { ID_BASE } from "./id-base.js";
import { normalizeClass } from "./normalize-class.js";
import { normalizeEvents } from "./normalize-events.js";
import { normalizePaths } from "./normalize-paths.js";
import { normalizeSources } from "./normalize-sources.js";
import { RefResolver, type Target } from "./resolve-ref.js";

type Json = Record<string, unknown>;

/**
 * Builds the model from a tree that passed the meta-schema: follows each runtime's root $ref
 * to its context class and every class that reaches, and checks what spans files (versions,
 * $ids, runtime ids, class names and headers unique per runtime). Collects every issue first.
 */
export function normalize(tree: SpecTree, events?: EventTree): Model {
  const issues: SpecIssue[] = [];
  const sources = normalizeSources(tree, issues);
  const refs = new RefResolver(tree.files);
  const specVersion = checkVersions(tree, issues);
  const classNames = new Set(tree.files.flatMap((file) => classSchemas(file)));
  const memo = new Map<string, { cls: PyClass; reaches: Target[] }>();
  const runtimes: Runtime[] = [];
  const runtimeIds = new Map<string, string>();

  for (const file of tree.files.filter(isRuntimeFile)) {
    const value = file.value as Json;
    const meta = value["x-runtime"] as Json;
    for (const [index, id] of [meta.id as string, ...(meta.aliases as string[])].entries()) {
      const other = runtimeIds.get(id);
      const pointer = index === 0 ? "/x-runtime/id" : `/x-runtime/aliases/${index - 1}`;
      if (other !== undefined)
        issues.push(issueAt(file, pointer, `a runtime id or alias used by one file only (also in ${other})`, id));
      runtimeIds.set(id, file.path);
    }
    const root = refs.resolve(file, "/$ref", value.$ref as string);
    if ("expected" in root) {
      issues.push(root);
      continue;
    }
    if (typeof root.node !== "object" || root.node === null || !Object.hasOwn(root.node, "x-python-class")) {
      issues.push(
        issueAt(file, "/$ref", "a $ref to the runtime's context class (a schema with x-python-class)", value.$ref),
      );
      continue;
    }
    const classes = collectClasses(root, meta.id as string, { refs, classNames, issues }, memo);
    const runtime = {
      id: meta.id as string,
      aliases: meta.aliases as string[],
      pythonVersion: meta.pythonVersion as string,
      pythonModule: meta.pythonModule as string,
      description: meta.description as string,
      sources: meta["x-source"] as SourceKey[],
      removed: ((meta["x-removed"] as Json[] | undefined) ?? []).map((entry) => ({
        attribute: entry.attribute as string,
        replacement: entry.replacement as string,
        sources: entry["x-source"] as SourceKey[],
      })),
      schemaId: value.$id as string,
      specFile: file.path,
      root: classes[0]!.name,
      classes,
    };
    const paths = normalizePaths(root.file, runtime, issues);
    if (paths === undefined) continue;
    runtimes.push({ ...runtime, paths });
    checkRuntime(runtimes.at(-1)!, file, issues);
  }
  if (issues.length > 0) throw new SpecError(issues);
  runtimes.sort((a, b) => versionKey(a.pythonVersion) - versionKey(b.pythonVersion) || (a.id < b.id ? -1 : 1));
  return { specVersion: specVersion!, runtimes, sources, events: normalizeEvents(events, specVersion!) };
}

function collectClasses(
  root: Target,
  runtimeId: string,
  context: { refs: RefResolver; classNames: ReadonlySet<string>; issues: SpecIssue[] },
  memo: Map<string, { cls: PyClass; reaches: Target[] }>,
): PyClass[] {
  const classes: PyClass[] = [];
  const queue: Target[] = [root];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const target = queue.shift()!;
    const key = `${target.file.path}#${target.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let entry = memo.get(key);
    if (entry === undefined) {
      entry = normalizeClass(target, context);
      memo.set(key, entry);
    }
    const twin = classes.find((cls) => cls.name === entry!.cls.name);
    if (twin !== undefined) {
      context.issues.push(
        issueAt(
          target.file,
          `${target.pointer}/x-python-class`,
          `a class name used once in runtime ${runtimeId} (also defined at ` +
            `${twin.location.file}#${twin.location.pointer})`,
          entry.cls.name,
        ),
      );
    }
    classes.push(entry.cls);
    queue.push(...entry.reaches);
  }
  return classes;
}

function checkRuntime(runtime: Runtime, file: SpecFile, issues: SpecIssue[]): void {
  const names = new Set(runtime.classes.map((cls) => cls.name));
  runtime.removed.forEach((removal, index) => {
    if (resolvesInRuntime(runtime, removal.attribute)) {
      issues.push(
        issueAt(
          file,
          `/x-runtime/x-removed/${index}/attribute`,
          `an attribute this runtime does not have (${removal.attribute} exists here)`,
          removal.attribute,
        ),
      );
    }
  });
  const headers = new Map<string, string>();
  for (const cls of runtime.classes) {
    for (const field of cls.fields) {
      const where = `${field.location.file}#${field.location.pointer}`;
      for (const name of classRefs(field.python)) {
        if (!names.has(name))
          issues.push({
            file: field.location.file,
            pointer: field.location.pointer,
            expected: `a Python type naming classes of runtime ${runtime.id} only`,
            found: name,
          });
      }
      if (field.header === undefined) continue;
      const other = headers.get(field.header);
      if (other !== undefined) {
        issues.push(
          issueAt(
            file,
            "",
            `each FC header to fill one attribute of runtime ${runtime.id}: ${field.header} fills both ${other} and ` +
              `${cls.name}.${field.name} (${where})`,
          ),
        );
      }
      headers.set(field.header, `${cls.name}.${field.name}`);
    }
  }
}

function classRefs(type: PyType): string[] {
  switch (type.kind) {
    case "class":
      return [type.name];
    case "optional":
    case "list":
      return classRefs(type.of);
    case "union":
      return type.of.flatMap(classRefs);
    case "dict":
      return [...classRefs(type.key), ...classRefs(type.value)];
    default:
      return [];
  }
}

function checkVersions(tree: SpecTree, issues: SpecIssue[]): string | undefined {
  const first = tree.files.find(isRuntimeFile) ?? tree.files[0]!;
  const version = (first.value as Json)["x-spec-version"] as string;
  if (pep440(version) === undefined) {
    issues.push(
      issueAt(
        first,
        "/x-spec-version",
        "a version Python packaging can carry too (PEP 440): a release, or an alpha.N, beta.N or rc.N pre-release",
        version,
      ),
    );
  }
  for (const file of tree.files) {
    const value = file.value as Json;
    if (value["x-spec-version"] !== version) {
      issues.push(
        issueAt(
          file,
          "/x-spec-version",
          `the spec version shared by every file (${version}, as in ${first.path})`,
          value["x-spec-version"],
        ),
      );
    }
    const relative = file.path.slice(tree.dir.length + 1);
    const id = `${ID_BASE}/${version}/${relative}`;
    if (value.$id !== id)
      issues.push(issueAt(file, "/$id", `the $id ${id} (the base, the spec version, the path under spec/)`, value.$id));
  }
  return version;
}

function classSchemas(file: SpecFile): string[] {
  const defs = (file.value as Json).$defs;
  if (typeof defs !== "object" || defs === null) return [];
  return Object.values(defs as Json).flatMap((def) => {
    const name = (def as Json | null)?.["x-python-class"];
    return typeof name === "string" ? [name] : [];
  });
}

function versionKey(version: string): number {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}
