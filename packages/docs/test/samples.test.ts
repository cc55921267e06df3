import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { runtimes } from "@fc-context/types";
import { afterAll, describe, expect, it } from "vitest";
import { codeBlocks, markdownDir, packageDir, pages, pythonVersionOf, repoRoot } from "./docs.js";

const run = promisify(execFile);
const scratch = path.join(packageDir, "test/.tmp-samples");
afterAll(() => rm(scratch, { recursive: true, force: true }));
const runtimePages = pages(markdownDir, ".md").filter((page) => /^python[\d.]+\.md$/.test(page.name));

describe("the docs' code samples", () => {
  it("are on every runtime page, in both languages", () => {
    // a page per runtime the spec has (aliases share their runtime's page)
    expect(runtimePages.map((page) => page.name).sort()).toEqual(runtimes.map((id) => `${id}.md`).sort());
    for (const page of runtimePages) {
      expect(codeBlocks(page.text, "python").length, page.name).toBeGreaterThan(0);
      expect(codeBlocks(page.text, "ts").length, page.name).toBeGreaterThan(0);
    }
  });

  it.each(runtimePages.map((page) => [page.name, page] as const))(
    "%s: the Python samples type-check with pyright at the runtime's Python version",
    async (name, page) => {
      const version = pythonVersionOf(page.text)!;
      const dir = path.join(scratch, `py-${name}`);
      await mkdir(dir, { recursive: true });
      const files = codeBlocks(page.text, "python").map((code, index) => ({
        file: path.join(dir, `sample_${index}.py`),
        code,
      }));
      for (const { file, code } of files) await writeFile(file, `${code}\n`);
      await writeFile(
        path.join(dir, "pyrightconfig.json"),
        JSON.stringify({ pythonVersion: version, extraPaths: [path.join(repoRoot, "packages/python/src")] }),
      );
      const result = await run(process.execPath, [
        path.join(repoRoot, "node_modules/pyright/index.js"),
        "-p",
        dir,
        "--outputjson",
      ]).then(
        ({ stdout }) => stdout,
        (error: { stdout: string }) => error.stdout,
      );
      const report = JSON.parse(result) as {
        generalDiagnostics: Array<{ severity: string; message: string }>;
        summary: { filesAnalyzed: number };
      };
      expect(report.generalDiagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
      expect(report.summary.filesAnalyzed).toBe(files.length);
    },
  );

  it("compile as TypeScript against the types and validators, with zero diagnostics", async () => {
    const dir = path.join(scratch, "ts");
    await mkdir(dir, { recursive: true });
    let count = 0;
    for (const page of runtimePages)
      for (const code of codeBlocks(page.text, "ts")) await writeFile(path.join(dir, `sample_${count++}.ts`), code);
    await writeFile(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../../tsconfig.base.json",
        compilerOptions: { types: [] },
        include: ["*.ts"],
      }),
    );
    const result = await run(process.execPath, [
      path.join(repoRoot, "node_modules/typescript/bin/tsc"),
      "-p",
      dir,
      "--pretty",
      "false",
    ]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(count).toBe(runtimePages.length);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });
});
