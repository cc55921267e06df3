import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkMetaSchema } from "./check/check-meta-schema.js";
import { targets } from "./emit/targets.js";
import { buildOutputs, generate } from "./generate.js";
import { loadSpec } from "./load/load-spec.js";
import { normalize } from "./normalize/normalize.js";
import { repoRoot, snapshotTree } from "./testing/spec-fixture.js";

describe("generate", () => {
  it("matches the committed packages: no drift between spec/ and packages/ (fix: npm run generate)", async () => {
    const { drift } = await generate({ root: repoRoot, check: true });
    expect(drift, "generated files differ from spec/: run `npm run generate` and commit").toEqual([]);
  });

  it("is deterministic: two runs give the same files, byte for byte", async () => {
    const first = await buildOutputs(repoRoot);
    const second = await buildOutputs(repoRoot);
    expect(second.outputs.map((o) => [o.dir, [...o.files]])).toEqual(first.outputs.map((o) => [o.dir, [...o.files]]));
  });

  it("does not mutate the loaded spec while normalizing and emitting", async () => {
    const tree = await loadSpec(repoRoot, "spec");
    const before = JSON.stringify(tree.files.map((file) => file.value));
    for (const file of tree.files) deepFreeze(file.value);
    checkMetaSchema(tree);
    const model = normalize(tree);
    for (const target of targets) await target.emit(deepFreeze(model));
    expect(JSON.stringify(tree.files.map((file) => file.value))).toBe(before);
  });

  it("starts every generated file with a banner naming the spec version and npm run generate", async () => {
    const { model, outputs } = await buildOutputs(repoRoot);
    for (const output of outputs) {
      for (const [file, contents] of output.files) {
        // PEP 561's marker is empty or says "partial"; it has no room for a banner
        if (file === "py.typed") {
          expect(contents).toBe("");
          continue;
        }
        // JSON carries it as $comment; HTML right after its doctype; code files as comment lines
        const head = file.endsWith(".json")
          ? String(JSON.parse(contents).$comment)
          : contents.split("\n").slice(0, 3).join("\n");
        expect(head, file).toContain(`from spec ${model.specVersion}`);
        expect(head, file).toContain("npm run generate");
      }
    }
  });

  it("writes into a fresh root and then reports no drift there; a hand edit is drift", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "fc-context-gen-"));
    try {
      await cp(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
      await generate({ root });
      expect((await generate({ root, check: true })).drift).toEqual([]);
      const file = path.join(root, "packages/types/gen/python3.9.d.ts");
      await writeFile(file, `${await readFile(file, "utf8")}// edited\n`);
      await writeFile(path.join(root, "packages/types/gen/stray.d.ts"), "");
      await mkdir(path.join(root, "packages/python/src/fc_context/__pycache__"), { recursive: true });
      await writeFile(path.join(root, "packages/python/src/fc_context/__pycache__/py39.cpython-39.pyc"), "");
      await rm(path.join(root, "packages/types/gen/python3.12.js"));
      expect((await generate({ root, check: true })).drift).toEqual([
        { file: "packages/types/gen/python3.12.js", kind: "missing" },
        { file: "packages/types/gen/python3.9.d.ts", kind: "changed" },
        { file: "packages/types/gen/stray.d.ts", kind: "unexpected" },
      ]);
      const generated = await snapshotTree(path.join(root, "packages/types/gen"));
      await generate({ root });
      expect(Object.keys(await snapshotTree(path.join(root, "packages/types/gen")))).toEqual(
        Object.keys(generated)
          .filter((f) => f !== "stray.d.ts")
          .concat("python3.12.js")
          .sort(),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
