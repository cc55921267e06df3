import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { repoRoot } from "./testing/spec-fixture.js";

const run = promisify(execFile);
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const cli = path.join(repoRoot, "tools/codegen/src/cli.ts");
const spawn = (...args: string[]) =>
  run(tsx, [cli, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe("the generate command", () => {
  it("--check on this checkout finds the committed output up to date", async () => {
    const result = await spawn("--check");
    expect(result).toMatchObject({ code: 0 });
    const runtimes = layoutRuntimes().length;
    expect(result.stdout).toMatch(
      new RegExp(`^Up to date: \\d+ files for ${runtimes} runtimes from spec \\d+\\.\\d+\\.\\d+`),
    );
  });

  it("--help explains the flags and exit codes", async () => {
    const result = await spawn("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--check");
    expect(result.stdout).toContain("Exit codes");
  });

  it("exits 2 on an unknown flag, saying why on stderr", async () => {
    const result = await spawn("--chekc");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--chekc");
    expect(result.stdout).toBe("");
  });
});
