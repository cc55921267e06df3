import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { snapshotTree } from "../testing/spec-fixture.js";
import { writeOutputs } from "./write-atomic.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "fc-context-write-"));
  for (const dir of ["a/gen", "b/gen"]) {
    await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, dir, "old.txt"), `old ${dir}\n`);
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("writeOutputs", () => {
  it("replaces each folder whole, nested files included, leaving no scratch folders", async () => {
    await writeOutputs(root, [
      { dir: "a/gen", files: files({ "x.d.ts": "x\n", "deep/y.js": "y\n" }) },
      { dir: "c/gen", files: files({ "z.txt": "z\n" }) },
    ]);
    expect(await snapshotTree(path.join(root, "a/gen"))).toEqual({ "x.d.ts": "x\n", "deep/y.js": "y\n" });
    expect(await snapshotTree(path.join(root, "c/gen"))).toEqual({ "z.txt": "z\n" });
    expect((await readdir(path.join(root, "a"))).sort()).toEqual(["gen"]);
  });

  it("leaves every old folder untouched when writing fails", async () => {
    const before = await snapshotTree(root);
    const outputs = [
      { dir: "a/gen", files: files({ "x.d.ts": "x\n" }) },
      { dir: "b/gen", files: files({ "../../escape.txt": "no\n" }) },
    ];
    await expect(writeOutputs(root, outputs)).rejects.toThrow(/outside b\/gen/);
    expect(await snapshotTree(root)).toEqual(before);
    expect((await readdir(path.join(root, "a"))).sort()).toEqual(["gen"]);
  });

  it('replaces only the listed files of a "files" output, keeping the folder\'s other files', async () => {
    await writeFile(path.join(root, "b/package.json"), "old\n");
    await writeOutputs(root, [
      { dir: "a/gen", files: files({ "x.txt": "x\n" }) },
      { dir: "b", files: files({ "package.json": "new\n" }), scope: "files" },
    ]);
    expect(await snapshotTree(path.join(root, "b"))).toEqual({ "package.json": "new\n", "gen/old.txt": "old b/gen\n" });
    expect((await readdir(path.join(root, "b"))).sort()).toEqual(["gen", "package.json"]);
  });

  it('puts back a "files" output\'s file when a later swap fails', async () => {
    await writeFile(path.join(root, "a/package.json"), "old\n");
    const before = await snapshotTree(root);
    const outputs = [
      { dir: "a", files: files({ "package.json": "new\n" }), scope: "files" as const },
      { dir: "b/gen", files: files({ "new.txt": "new\n" }) },
    ];
    const beforeSwap = (dir: string) => {
      if (dir === "b/gen") throw new Error("disk full");
    };
    await expect(writeOutputs(root, outputs, { beforeSwap })).rejects.toThrow("disk full");
    expect(await snapshotTree(root)).toEqual(before);
  });

  it("puts back the folders already swapped when a later swap fails", async () => {
    const before = await snapshotTree(root);
    const outputs = [
      { dir: "a/gen", files: files({ "new.txt": "new\n" }) },
      { dir: "b/gen", files: files({ "new.txt": "new\n" }) },
    ];
    const beforeSwap = (dir: string) => {
      if (dir === "b/gen") throw new Error("disk full");
    };
    await expect(writeOutputs(root, outputs, { beforeSwap })).rejects.toThrow("disk full");
    expect(await snapshotTree(root)).toEqual(before);
    expect((await readdir(path.join(root, "b"))).sort()).toEqual(["gen"]);
  });
});
