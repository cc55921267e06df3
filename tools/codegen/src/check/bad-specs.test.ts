import { execFile } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../generate.js";
import { SpecError } from "../spec-error.js";
import { makeSpecRoot, repoRoot, snapshotTree } from "../testing/spec-fixture.js";

const corpus = path.join(path.dirname(new URL(import.meta.url).pathname), "bad-specs");
const cases = (await readdir(corpus)).sort();
const run = promisify(execFile);
const cli = path.join(repoRoot, "tools/codegen/src/cli.ts");
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");

// Spawning the command costs most of a second, so the process-level check runs on the faults
// the foundation issue names; the in-process test above covers the whole corpus.
const spawned = [
  "invalid-json",
  "unknown-type",
  "missing-description",
  "unresolved-ref",
  "non-identifier-property",
  "constructor-fills-nothing",
  "duplicate-class-name",
];

interface Expected {
  file: string;
  pointer: string;
  expected: string;
}

describe("the bad-spec corpus", () => {
  it("covers every fault the generator promises to catch", () => {
    expect(cases).toEqual(expect.arrayContaining(spawned));
  });

  it.each(cases)("%s: names the file, the pointer and what was expected, and writes nothing", async (name) => {
    const expected = JSON.parse(await readFile(path.join(corpus, name, "expected.json"), "utf8")) as Expected;
    const root = await makeSpecRoot(path.join(corpus, name));
    try {
      const before = await snapshotTree(root);
      const error = await generate({ root }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(await snapshotTree(root)).toEqual(before);
      expect(error).toBeInstanceOf(SpecError);
      const issues = (error as SpecError).issues;
      const match = issues.find(
        (issue) => issue.file === `spec/${expected.file}` && issue.pointer === expected.pointer,
      );
      expect(match, `issues were:\n${(error as SpecError).message}`).toBeDefined();
      expect(match!.expected).toContain(expected.expected);
      expect(match!.line).toBeGreaterThan(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the generate command on a bad spec", () => {
  it.each(spawned)(
    "%s: exits 1, prints file:line:column and pointer, writes nothing",
    async (name) => {
      const expected = JSON.parse(await readFile(path.join(corpus, name, "expected.json"), "utf8")) as Expected;
      const root = await makeSpecRoot(path.join(corpus, name));
      try {
        const before = await snapshotTree(root);
        const result = await run(tsx, [cli, "--root", root]).then(
          () => ({ code: 0, stderr: "" }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          new RegExp(
            `spec/${expected.file.replaceAll(".", "\\.")}:\\d+:\\d+ at #${escapeRegExp(expected.pointer)}: expected `,
          ),
        );
        expect(result.stderr).toContain("nothing was written");
        expect(await snapshotTree(root)).toEqual(before);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
    20_000,
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
