import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { buildModel } from "../generate.js";
import type { Model } from "../model.js";
import { repoRoot } from "./spec-fixture.js";

// Given/want tests of the emitters: the given is a small spec written for coverage
// (tools/codegen/fixtures/spec: two runtimes sharing a model, one alias, a third runtime of its
// own model without to_json, a nested class with a secret, an int header converted two ways, a
// nullable header, a Python-only attribute, aliases, a removed attribute, a vendor-doc claim);
// the want is what each emitter must make of it, file by file (tools/codegen/fixtures/want/<target>).
// The real spec can grow without touching these; a change of what an emitter does shows here as a
// diff to read. `npm run want` rewrites the want folders from the emitters as they are.
const fixtures = path.join(repoRoot, "tools/codegen/fixtures");
const updating = process.env.FC_CONTEXT_UPDATE_WANT === "1";

let model: Promise<Model> | undefined;

/** The fixture spec's model, checked against the real meta-schema. */
export function fixtureModel(): Promise<Model> {
  model ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "fc-context-fixture-spec-"));
    try {
      cpSync(path.join(fixtures, "spec"), path.join(root, "spec"), { recursive: true });
      cpSync(path.join(repoRoot, "spec/meta.schema.json"), path.join(root, "spec/meta.schema.json"));
      return await buildModel(root, "spec");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  })();
  return model;
}

/**
 * Holds an emitter's files to the want folder of its target: the same file names, and each file
 * the same text. `copied` names the files the emitter copies in unchanged from its own folder (the
 * shared runtime code, tested on its own): they must be emitted, and are not stored again.
 */
export function expectWant(target: string, files: ReadonlyMap<string, string>, copied: readonly string[] = []): void {
  const want = path.join(fixtures, "want", target);
  for (const name of copied) expect([...files.keys()], `${target} copies ${name}`).toContain(name);
  const emitted = new Map([...files].filter(([name]) => !copied.includes(name)));
  if (updating) {
    rmSync(want, { recursive: true, force: true });
    for (const [name, text] of emitted) {
      mkdirSync(path.dirname(path.join(want, name)), { recursive: true });
      writeFileSync(path.join(want, name), text);
    }
    return;
  }
  const stored = existsSync(want)
    ? readdirSync(want, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(want, path.join(entry.parentPath, entry.name)))
    : [];
  expect([...emitted.keys()].sort(), `the files of ${target} (npm run want rewrites them)`).toEqual(stored.sort());
  for (const [name, text] of emitted)
    expect(text, `${target}/${name} (npm run want rewrites it)`).toBe(readFileSync(path.join(want, name), "utf8"));
}
