import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { modelOf } from "../generate.js";
import { loadSpec, type SpecFile, type SpecTree } from "../load/load-spec.js";
import type { Model } from "../model.js";
import { SpecError, type SpecIssue } from "../spec-error.js";
import { repoRoot } from "./spec-fixture.js";

/**
 * One change to a file of the real spec. The JSON operations are RFC 6902's add, replace and
 * remove; `text` replaces one exact piece of the file's text, for faults JSON cannot hold (a
 * missing comma, a key written twice).
 */
export type SpecPatch =
  | { readonly op: "replace" | "add"; readonly file: string; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly file: string; readonly path: string }
  | { readonly op: "text"; readonly file: string; readonly find: string; readonly replace: string };

// every root is removed after the tests of the file that made it (vitest isolates test files, so
// this hook belongs to that file)
const made: string[] = [];
afterAll(() => Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * A throwaway repository root holding a copy of the real spec's schemas with the patches applied, and a
 * generated folder from an earlier run, so a test can prove a refused spec leaves it untouched.
 */
export async function patchedSpecRoot(patches: readonly SpecPatch[]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "fc-context-spec-"));
  made.push(root);
  // the model is built from the schema files alone; the conformance cases and vectors are data
  // for the emitters and the suites, and copying them would triple each case's cost
  const spec = path.join(repoRoot, "spec");
  const dataDirs = new Set(["conformance", "vectors"].map((dir) => path.join(spec, dir)));
  await cp(spec, path.join(root, "spec"), { recursive: true, filter: (source) => !dataDirs.has(source) });
  await mkdir(path.join(root, "packages/types/gen"), { recursive: true });
  await writeFile(path.join(root, "packages/types/gen/previous.d.ts"), "// output of an earlier run\n");
  for (const patch of patches) {
    const file = path.join(root, "spec", patch.file);
    const text = await readFile(file, "utf8");
    await writeFile(file, applyPatch(text, patch, patch.file));
  }
  return root;
}

/**
 * The real spec as loaded, with JSON patches applied to the parsed values in memory: the cheap way
 * to test a rule of check/ or normalize/, which see only parsed files. Text patches need the
 * loader, so they need patchedSpecRoot. Positions are the unpatched file's.
 */
export async function patchedSpecTree(patches: readonly SpecPatch[]): Promise<SpecTree> {
  realTree ??= loadSpec(repoRoot, "spec");
  const tree = await realTree;
  const patchFile = (file: SpecFile): SpecFile => {
    const mine = patches.filter((patch) => `${tree.dir}/${patch.file}` === file.path);
    if (mine.length === 0) return file;
    let value = structuredClone(file.value);
    for (const patch of mine) {
      if (patch.op === "text") throw new Error(`${patch.file}: a text patch needs patchedSpecRoot`);
      value = applyJsonPatch(value, patch, patch.file);
    }
    return { ...file, value };
  };
  return {
    ...tree,
    metaSchema: patchFile(tree.metaSchema),
    sources: patchFile(tree.sources),
    files: tree.files.map(patchFile),
  };
}

let realTree: Promise<SpecTree> | undefined;

/** The model of the real spec with JSON patches applied in memory, built as buildModel builds it. */
export async function patchedModel(patches: readonly SpecPatch[]): Promise<Model> {
  return modelOf(await patchedSpecTree(patches));
}

/** The issues a build refuses its spec with; the test fails when it builds, or throws anything else. */
export async function refusal(build: () => unknown): Promise<readonly SpecIssue[]> {
  let caught: unknown;
  try {
    await build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SpecError);
  return (caught as SpecError).issues;
}

function applyPatch(text: string, patch: SpecPatch, name: string): string {
  if (patch.op === "text") {
    // a patch that no longer finds its text would test the unpatched spec and pass for nothing
    if (text.split(patch.find).length !== 2) throw new Error(`${name}: the text to patch is not there once`);
    return text.replace(patch.find, () => patch.replace);
  }
  return `${JSON.stringify(applyJsonPatch(JSON.parse(text), patch, name), null, 2)}\n`;
}

function applyJsonPatch(json: unknown, patch: Exclude<SpecPatch, { op: "text" }>, name: string): unknown {
  const tokens = patch.path
    .split("/")
    .slice(1)
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
  const key = tokens.pop()!;
  let parent = json as Record<string, unknown>;
  for (const token of tokens) {
    parent = parent[token] as Record<string, unknown>;
    if (typeof parent !== "object" || parent === null) throw new Error(`${name}#${patch.path}: no such place`);
  }
  const exists = Object.hasOwn(parent, key);
  if (patch.op !== "add" && !exists) throw new Error(`${name}#${patch.path}: nothing there to ${patch.op}`);
  if (patch.op === "remove") {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (Array.isArray(parent) && patch.op === "add") {
    parent.splice(key === "-" ? parent.length : Number(key), 0, structuredClone(patch.value));
  } else parent[key] = structuredClone(patch.value);
  return json;
}
