import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkEventsMetaSchema, checkMetaSchema } from "./check/check-meta-schema.js";
import { targets as defaultTargets, type Target } from "./emit/targets.js";
import { type Layout, layoutOf } from "./layout/layout.js";
import { type EventTree, loadEvents } from "./load/load-events.js";
import { loadSpec, type SpecTree } from "./load/load-spec.js";
import type { Model } from "./model.js";
import { normalize } from "./normalize/normalize.js";
import { compareOutputs, type Drift } from "./write/compare-outputs.js";
import { type Output, type WriteHooks, writeOutputs } from "./write/write-atomic.js";

export interface GenerateOptions {
  /** The repository root; spec and output folders are relative to it. */
  readonly root: string;
  readonly specDir?: string;
  /** Compare with the files on disk instead of writing. */
  readonly check?: boolean;
  readonly targets?: readonly Target[];
  readonly hooks?: WriteHooks;
}

export interface GenerateResult {
  readonly model: Model;
  readonly outputs: readonly Output[];
  /** Set in check mode: empty when the files on disk match the spec. */
  readonly drift?: readonly Drift[];
}

/** The model of a spec folder: loaded, checked and normalized; a SpecError names every fault. */
export async function buildModel(root: string, specDir = "spec"): Promise<Model> {
  return modelOf(await loadSpec(root, specDir), await loadEvents(root, specDir));
}

/** The model of a loaded spec (and its events' family): checked against the meta-schemas, then normalized. */
export function modelOf(tree: SpecTree, events?: EventTree): Model {
  checkMetaSchema(tree);
  if (events !== undefined) checkEventsMetaSchema(events);
  return normalize(tree, events);
}

/** The stages in order: load, check, normalize, emit every target, then write (or compare). */
export async function buildOutputs(
  root: string,
  specDir = "spec",
  targets: readonly Target[] = defaultTargets,
): Promise<{ model: Model; outputs: Output[] }> {
  const model = await buildModel(root, specDir);
  const outputs: Output[] = [];
  for (const target of targets) outputs.push({ dir: target.dir, files: await target.emit(model) });
  return { model, outputs };
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const built = await buildOutputs(options.root, options.specDir, options.targets);
  const { model } = built;
  const outputs = [...built.outputs, ...(await packageExports(options.root, layoutOf(model)))];
  if (options.check) return { model, outputs, drift: await compareOutputs(options.root, outputs) };
  await writeOutputs(options.root, outputs, options.hooks);
  return { model, outputs };
}

/**
 * For TypeScript under `moduleResolution: node10`, which reads no "exports": the root's
 * declarations as "types" and each subpath's as "typesVersions", so every import type-checks there
 * too (at run time node10's CommonJS cannot load these ES modules; a bundler can).
 */
function typesFor(exports: Record<string, unknown>): Record<string, unknown> {
  const typesOf = (target: unknown) =>
    typeof target === "object" && target !== null ? (target as Record<string, unknown>).types : undefined;
  const root = typesOf(exports["."]);
  const subpaths = Object.entries(exports)
    .filter(([subpath, target]) => subpath !== "." && typeof typesOf(target) === "string")
    .map(([subpath, target]) => [subpath.replace(/^\.\//, ""), [(typesOf(target) as string).replace(/^\.\//, "")]]);
  return {
    ...(typeof root === "string" && { types: root }),
    ...(subpaths.length > 0 && { typesVersions: { "*": Object.fromEntries(subpaths) } }),
  };
}

/**
 * Each package's package.json with the "exports" the layout gives it, the rest as it is: a new
 * runtime's subpaths resolve after `npm run generate`, and --check finds exports written by hand.
 * A package folder without a package.json (a scratch copy holding only spec/) is left alone.
 */
async function packageExports(root: string, layout: Layout): Promise<Output[]> {
  const outputs: Output[] = [];
  for (const [dir, exports] of Object.entries(layout.exports)) {
    const text = await readFile(path.join(root, dir, "package.json"), "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) continue;
    const { types: _types, typesVersions: _versions, ...rest } = JSON.parse(text) as Record<string, unknown>;
    const manifest = { ...rest, exports, ...typesFor(exports as Record<string, unknown>) };
    outputs.push({ dir, files: new Map([["package.json", `${JSON.stringify(manifest, null, 2)}\n`]]), scope: "files" });
  }
  return outputs;
}
