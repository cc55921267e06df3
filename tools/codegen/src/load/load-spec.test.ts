import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SpecError } from "../spec-error.js";
import { isRuntimeFile, loadSpec } from "./load-spec.js";

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A repository root whose spec folder holds exactly these files. */
async function specRoot(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "fc-context-load-"));
  scratch.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, "spec", name)), { recursive: true });
    await writeFile(path.join(root, "spec", name), text);
  }
  return root;
}

const BASE = {
  "meta.schema.json": "{}",
  "sources.json": '{"RT": {}}',
  "python3.9.schema.json": '{"x-runtime": {"id": "python3.9"}}',
};

async function refusal(root: string, specDir = "spec"): Promise<SpecError> {
  const error = await loadSpec(root, specDir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

describe("loadSpec", () => {
  it("reads every *.schema.json under spec/, sorted, besides the meta-schema and the sources", async () => {
    const root = await specRoot({
      ...BASE,
      "shared/fields.schema.json": '{"$defs": {}}',
      "a.schema.json": "[]",
      "README.md": "not JSON",
      "vectors/python3.9/valid/one.json": "not a schema either",
    });
    const tree = await loadSpec(root, "spec/");
    expect(tree.dir).toBe("spec");
    expect(tree.files.map((file) => file.path)).toEqual([
      "spec/a.schema.json",
      "spec/python3.9.schema.json",
      "spec/shared/fields.schema.json",
    ]);
    expect(tree.metaSchema).toMatchObject({ path: "spec/meta.schema.json", value: {} });
    expect(tree.sources).toMatchObject({ path: "spec/sources.json", value: { RT: {} } });
    expect(tree.files[1]!.locate("/x-runtime/id")).toEqual({ line: 1, column: 22 });
  });

  it("refuses a spec folder without the meta-schema, or without the registry of sources", async () => {
    const { "meta.schema.json": _meta, ...noMeta } = BASE;
    expect((await refusal(await specRoot(noMeta))).issues).toEqual([
      { file: "spec/meta.schema.json", pointer: "", expected: "the meta-schema file to exist" },
    ]);
    const { "sources.json": _sources, ...noSources } = BASE;
    expect((await refusal(await specRoot(noSources))).issues).toEqual([
      { file: "spec/sources.json", pointer: "", expected: "the registry of sources to exist" },
    ]);
  });

  it("reports every malformed file at once, each with its line, column and what it found", async () => {
    const root = await specRoot({ ...BASE, "b.schema.json": '{\n  "a": }', "sources.json": "[1,]" });
    expect((await refusal(root)).issues).toEqual([
      {
        file: "spec/b.schema.json",
        pointer: "/a",
        line: 2,
        column: 8,
        expected: "valid JSON: a JSON value (object, array, string, number, true, false or null)",
        found: '"}"',
      },
      {
        file: "spec/sources.json",
        pointer: "/1",
        line: 1,
        column: 4,
        expected: "valid JSON: a JSON value (object, array, string, number, true, false or null)",
        found: '"]"',
      },
    ]);
  });

  it("refuses a spec with no runtime file", async () => {
    const root = await specRoot({ ...BASE, "python3.9.schema.json": '{"x-runtimes": {}}' });
    expect((await refusal(root)).issues).toEqual([
      { file: "spec", pointer: "", expected: "at least one runtime file (a *.schema.json with x-runtime)" },
    ]);
  });
});

describe("isRuntimeFile", () => {
  const file = (value: unknown) => ({ path: "spec/x.schema.json", value, locate: () => ({ line: 1, column: 1 }) });
  it("is true only for an object holding x-runtime itself", () => {
    expect(isRuntimeFile(file({ "x-runtime": {} }))).toBe(true);
    expect(isRuntimeFile(file({ "x-runtime": null }))).toBe(true);
    expect(isRuntimeFile(file({}))).toBe(false);
    expect(isRuntimeFile(file(Object.create({ "x-runtime": {} })))).toBe(false);
    expect(isRuntimeFile(file(null))).toBe(false);
    expect(isRuntimeFile(file("x-runtime"))).toBe(false);
  });
});
