import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { eventKinds } from "@fc-context/validators/events";
import { afterAll, describe, expect, it } from "vitest";
import { findPython } from "../../python/tools/find-python.mjs";
import { codeBlocks, markdownDir, packageDir, pages, repoRoot } from "./docs.js";

const run = promisify(execFile);
const scratch = path.join(packageDir, "test/.tmp-event-samples");
afterAll(() => rm(scratch, { recursive: true, force: true }));
const eventPages = pages(markdownDir, ".md").filter((page) => /^event-(?!sources)[\w-]+\.md$/.test(page.name));

async function writeSamples(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const modules: string[] = [];
  for (const page of eventPages)
    for (const [index, code] of codeBlocks(page.text, "python").entries()) {
      const module = `${page.name.replace(/\.md$/, "").replaceAll(/[-.]/g, "_")}_${index}`;
      await writeFile(path.join(dir, `${module}.py`), `${code}\n`);
      modules.push(module);
    }
  return modules;
}

describe("the event pages' Python samples", () => {
  it("are on a page per kind the spec has", () => {
    expect(eventPages.map((page) => page.name).sort()).toEqual(eventKinds.map((kind) => `event-${kind}.md`).sort());
    for (const page of eventPages) expect(codeBlocks(page.text, "python").length, page.name).toBe(1);
  });

  it("type-check with pyright at Python 3.6, the oldest runtime's", async () => {
    const dir = path.join(scratch, "pyright");
    const modules = await writeSamples(dir);
    await writeFile(
      path.join(dir, "pyrightconfig.json"),
      JSON.stringify({ pythonVersion: "3.6", extraPaths: [path.join(repoRoot, "packages/python/src")] }),
    );
    const stdout = await run(process.execPath, [
      path.join(repoRoot, "node_modules/pyright/index.js"),
      "-p",
      dir,
      "--outputjson",
    ]).then(
      (done) => done.stdout,
      (error: { stdout: string }) => error.stdout,
    );
    const report = JSON.parse(stdout) as {
      generalDiagnostics: Array<{ severity: string; message: string; file: string }>;
      summary: { filesAnalyzed: number };
    };
    const errors = report.generalDiagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${path.basename(d.file)}: ${d.message}`)).toEqual([]);
    expect(report.summary.filesAnalyzed).toBe(modules.length);
  });

  it.each(["3.6", "3.12"])("run: each handler parses its kind's fake event on Python %s", async (version) => {
    const python = findPython(version);
    if (python === undefined) {
      if (process.env.CI === "true") throw new Error(`no Python ${version} under pyenv`);
      return;
    }
    const dir = path.join(scratch, `run-${version}`);
    const modules = await writeSamples(dir);
    const driver = [
      "import importlib, sys",
      `for name in ${JSON.stringify(modules)}:`,
      "    importlib.import_module(name).test_handler()",
      "    print(name)",
    ].join("\n");
    const { stdout } = await run(python, ["-c", driver], {
      cwd: dir,
      env: { ...process.env, PYTHONPATH: path.join(repoRoot, "packages/python/src"), PYTHONDONTWRITEBYTECODE: "1" },
    });
    expect(stdout.trim().split("\n")).toEqual(modules);
  });
});
