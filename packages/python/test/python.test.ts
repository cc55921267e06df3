import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { pep440 } from "@fc-context/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { readVectors, vectorFolder } from "../../../spec/vectors/read-vectors.mjs";
import { buildDist } from "../tools/build-dist.mjs";
import { findPython as interpreter, pyenvRoot } from "../tools/find-python.mjs";
import { hasMypy, mypyErrors } from "../tools/mypy.mjs";

// The Python step of `npm test`: build the wheel once, install it into a fresh venv on every
// runtime's own interpreter, run the unit tests there, type-check with pyright at each runtime's
// version, score type completeness, and compare verdicts on the shared vectors with TypeScript's.
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, "..");
const repoRoot = path.resolve(packageDir, "../..");
const pyright = path.join(repoRoot, "node_modules/pyright/index.js");
const runtimes = layoutRuntimes().map((r) => ({
  id: r.id,
  version: r.pythonVersion,
  module: r.pythonModule,
  model: r.model,
}));

const found = runtimes.map((runtime) => ({ ...runtime, python: interpreter(runtime.version) }));
const missing = found.filter((runtime) => runtime.python === undefined);
let scratch = "";
let wheel = "";

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "fc-context-python-"));
  wheel = buildDist(path.join(scratch, "dist")).find((file) => file.endsWith(".whl"))!;
});
afterAll(() => (scratch ? rm(scratch, { recursive: true, force: true }) : undefined));

describe("the Python interpreters", () => {
  it("are all on this machine (CI fails loudly when one is missing)", () => {
    const message = `missing under ${pyenvRoot()}/versions: ${missing.map((r) => `python${r.version}`).join(", ")}`;
    if (process.env.CI === "true") expect(missing, message).toEqual([]);
    else if (missing.length > 0) console.warn(`skipping: ${message}`);
  });
});

describe.each(found)("fc_context on $id (Python $version)", (runtime) => {
  const venv = () => path.join(scratch, `venv-${runtime.version}`);
  const python = () => path.join(venv(), "bin", "python");

  it.skipIf(runtime.python === undefined)(
    "installs the wheel into a fresh venv and passes its unit tests there",
    async () => {
      await run(runtime.python!, ["-m", "venv", venv()]);
      await run(python(), ["-m", "pip", "install", "--no-index", "--no-deps", "-q", wheel]);
      const { stderr } = await run(
        python(),
        ["-m", "unittest", "discover", "-v", "-s", path.join(packageDir, "tests")],
        {
          cwd: scratch,
          env: {
            ...process.env,
            FC_CONTEXT_RUNTIME: runtime.id,
            FC_CONTEXT_VECTORS: path.join(repoRoot, "spec/vectors"),
            FC_CONTEXT_VECTOR_FOLDER: vectorFolder(runtime.id),
            FC_CONTEXT_MODEL: runtime.model,
            FC_CONTEXT_PYTHON_MODULE: runtime.module,
            FC_CONTEXT_CONFORMANCE: path.join(repoRoot, "spec/conformance"),
            FC_CONTEXT_DISPATCH: path.join(repoRoot, "spec/dispatch/cases"),
            FC_CONTEXT_MESSAGES: path.join(repoRoot, "MESSAGES.md"),
            PYTHONDONTWRITEBYTECODE: "1",
          },
        },
      );
      expect(stderr).toMatch(/\nOK( \(skipped=\d+\))?\n?$/);
      expect(stderr).toMatch(/Ran \d+ tests/);
      // the installed copy was imported, not the sources
      const { stdout } = await run(python(), ["-c", `import fc_context.${runtime.module} as m; print(m.__file__)`], {
        cwd: scratch,
      });
      expect(stdout).toContain(path.join(venv(), "lib"));
    },
  );

  it.skipIf(runtime.python === undefined)(
    "gives every shared vector the same verdict as @fc-context/validators",
    async () => {
      // the vectors as every reader sees them (patches applied), handed to Python as one file
      const vectors = readVectors(runtime.id);
      const file = path.join(scratch, `vectors-${runtime.id}.json`);
      await writeFile(file, JSON.stringify(Object.fromEntries(vectors.map((v) => [v.name, v.value]))));
      const script = `
import json, sys
import fc_context
module = fc_context.for_runtime(sys.argv[1])
verdicts = {}
with open(sys.argv[2], encoding="utf-8") as handle:
    vectors = json.load(handle)
for name, value in vectors.items():
    try:
        module.from_dict(value)
        verdicts[name] = True
    except fc_context.FCContextValidationError:
        verdicts[name] = False
print(json.dumps(verdicts))
`;
      const { stdout } = await run(python(), ["-c", script, runtime.id, file], { cwd: scratch });
      const python_verdicts = JSON.parse(stdout) as Record<string, boolean>;
      const validators = await import(/* @vite-ignore */ `@fc-context/validators/${runtime.id}`);
      const typescript = Object.fromEntries(vectors.map((v) => [v.name, validators.isFCContext(v.value) as boolean]));
      expect(Object.keys(python_verdicts).length).toBeGreaterThan(10);
      expect(python_verdicts).toEqual(typescript);
    },
  );
});

// The concurrent path's cases were recorded on CPython 3.11, which no FC runtime runs: they are
// replayed there exactly (and on 3.10 and 3.12 portably, above), from the sources.
describe("the dispatch replay on the concurrent path's recording interpreter", () => {
  it.skipIf(interpreter("3.11") === undefined)("replays every concurrent case as recorded", async () => {
    const { stderr } = await run(interpreter("3.11")!, ["-m", "unittest", "-v", "test_dispatch_replay"], {
      cwd: path.join(packageDir, "tests"),
      env: {
        ...process.env,
        PYTHONPATH: [path.join(packageDir, "src"), path.join(packageDir, "tests")].join(path.delimiter),
        FC_CONTEXT_DISPATCH: path.join(repoRoot, "spec/dispatch/cases"),
        PYTHONDONTWRITEBYTECODE: "1",
      },
    });
    expect(stderr).toMatch(/\nOK\n?$/);
  });
});

interface PyrightReport {
  generalDiagnostics: Array<{ file: string; severity: string; message: string; range: { start: { line: number } } }>;
  summary: { errorCount: number };
}

async function pyrightJson(args: string[], venvPython?: string): Promise<PyrightReport> {
  const env = venvPython
    ? { ...process.env, PATH: `${path.dirname(venvPython)}${path.delimiter}${process.env.PATH}` }
    : process.env;
  const { stdout } = await run(process.execPath, [pyright, "--outputjson", ...args], {
    env,
    maxBuffer: 32 * 1024 * 1024,
  }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  return JSON.parse(stdout) as PyrightReport;
}

const sources = path.join(packageDir, "src/fc_context");
const checks = runtimes.map((runtime, index) => ({
  ...runtime,
  // each module must type-check on its own Python version and every newer one
  files: [
    ...["__init__.py", "_runtime.py", "testing.py", "probe.py"].map((file) => path.join(sources, file)),
    // the local runner: its API, server and command, and the runtime process's script
    ...["run.py", "_serve.py", "_command.py", "__main__.py"].map((file) => path.join(sources, file)),
    ...runtimes.slice(0, index + 1).map((older) => path.join(sources, `${older.module}.py`)),
    // an example handler where one is written for the runtime (a new runtime type-checks without one)
    ...[path.join(packageDir, "tests/typecheck", `handler_${runtime.module}.py`)].filter((file) => existsSync(file)),
  ],
}));

// code that must not type-check, with the Python version to check it at: each line tagged
// "# expect-error" is an error both checkers must report, and no other line is
const WRONG = [
  ["3.9", "wrong_py39.py"],
  ["3.12", "wrong_py312.py"],
  ["3.9", "wrong_fakes.py"],
] as const;

const uniqueSorted = (lines: readonly number[]) => [...new Set(lines)].sort((a, b) => a - b);

async function taggedLines(file: string): Promise<number[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .flatMap((line, index) => (/# expect-error(:|$)/.test(line) ? [index + 1] : []));
}

describe("pyright", () => {
  it.each(checks)("type-checks the package and an example handler at Python $version with 0 errors", async (check) => {
    const report = await pyrightJson(["--pythonversion", check.version, ...check.files], undefined);
    const errors = report.generalDiagnostics
      .filter((d) => d.severity === "error")
      .map((d) => `${path.basename(d.file)}:${d.range.start.line + 1}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  // the runtime process's script, unannotated as a runtime's bootstrap is: pyright's basic checks
  it.each(runtimes)("type-checks the runner's runtime script at Python $version", async ({ version }) => {
    const report = await pyrightJson(["--pythonversion", version, path.join(sources, "_runtime_folder/bootstrap.py")]);
    expect(report.generalDiagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(WRONG)("at Python %s rejects exactly the tagged lines of %s", async (version, file) => {
    const example = path.join(packageDir, "tests/typecheck", file);
    const report = await pyrightJson(["--pythonversion", version, example]);
    const lines = report.generalDiagnostics.filter((d) => d.severity === "error").map((d) => d.range.start.line + 1);
    const tagged = await taggedLines(example);
    expect(tagged.length).toBeGreaterThan(2);
    expect(uniqueSorted(lines)).toEqual(tagged);
  });

  it.skipIf(interpreter("3.12") === undefined)("scores 100% type completeness with --verifytypes", async () => {
    const venv = path.join(scratch, "venv-verify");
    await run(interpreter("3.12")!, ["-m", "venv", venv]);
    await run(path.join(venv, "bin/python"), ["-m", "pip", "install", "--no-index", "--no-deps", "-q", wheel]);
    // --verifytypes finds the package through the python on PATH (it ignores --pythonpath)
    const report = (await pyrightJson(
      ["--verifytypes", "fc_context", "--ignoreexternal"],
      path.join(venv, "bin/python"),
    )) as unknown as {
      typeCompleteness: { completenessScore: number; exportedSymbolCounts: { withKnownType: number } };
    };
    expect(report.typeCompleteness.exportedSymbolCounts.withKnownType).toBeGreaterThan(100);
    expect(report.typeCompleteness.completenessScore).toBe(1);
  });
});

describe("pyflakes (Debian's python3-pyflakes)", () => {
  it("finds nothing in the generated package or the emitters' fixture output: no unused import, no undefined name", async () => {
    const want = path.join(repoRoot, "tools/codegen/fixtures/want/python");
    const files = [
      ...(await readdir(sources)).filter((file) => file.endsWith(".py")).map((f) => path.join(sources, f)),
      ...(await readdir(want)).filter((file) => file.endsWith(".py")).map((f) => path.join(want, f)),
    ];
    const result = await run("/usr/bin/python3", ["-m", "pyflakes", ...files]).then(
      ({ stdout }) => stdout,
      (error: { stdout: string; stderr: string }) => error.stdout || error.stderr,
    );
    expect(result).toBe("");
  });
});

describe("black (Debian's black 23.1)", () => {
  // the generated Python reads as if formatted: black leaves it as it is, at the width the emitter
  // wraps to; the emitters' fixture output (tools/codegen/fixtures/want/python) too
  it("would change nothing in the generated package or the emitters' fixture output", async () => {
    const want = path.join(repoRoot, "tools/codegen/fixtures/want/python");
    const args = ["--check", "--diff", "--quiet", "--target-version", "py36", "--line-length", "100", sources, want];
    const result = await run("black", args).then(
      ({ stdout }) => stdout,
      (error: { code?: unknown; stdout: string; stderr: string }) =>
        error.code === "ENOENT" ? "black is missing: apt-get install black" : error.stdout || error.stderr,
    );
    expect(result).toBe("");
  });
});

const mypyFound = await hasMypy();

describe("mypy (Debian's python3-mypy)", () => {
  it("is on this machine (CI fails loudly when it is not)", () => {
    if (process.env.CI === "true") expect(mypyFound, "python3 -m mypy: apt-get install python3-mypy").toBe(true);
    else if (!mypyFound) console.warn("skipping mypy: apt-get install python3-mypy");
  });

  it.skipIf(!mypyFound).each(checks)(
    "type-checks the package and an example handler at Python $version, strict, with 0 errors",
    async (check) => {
      expect(await mypyErrors(check.files, check.version, { sourceDir: path.join(packageDir, "src") })).toEqual([]);
    },
  );

  it.skipIf(!mypyFound).each(WRONG)("at Python %s rejects exactly the tagged lines of %s", async (version, file) => {
    const example = path.join(packageDir, "tests/typecheck", file);
    const errors = await mypyErrors([example], version, { sourceDir: path.join(packageDir, "src") });
    expect(uniqueSorted(errors.map((error) => Number(error.split(":")[1])))).toEqual(await taggedLines(example));
  });
});

describe("the distribution", () => {
  it("keeps one version with the npm packages and the spec", async () => {
    const version = (file: string) =>
      readFile(file, "utf8").then((text) => (JSON.parse(text) as { version: string }).version);
    const init = await readFile(path.join(sources, "__init__.py"), "utf8");
    const python = pep440(await version(path.join(packageDir, "package.json")));
    expect(init).toContain(`__version__ = "${python}"`);
    expect(await version(path.join(packageDir, "package.json"))).toBe(
      await version(path.join(repoRoot, "packages/types/package.json")),
    );
    expect(await readFile(path.join(packageDir, "pyproject.toml"), "utf8")).toContain(`\nversion = "${python}"\n`);
    expect(path.basename(wheel)).toBe(`fc_context-${python}-py3-none-any.whl`);
  });

  it("ships py.typed, Typing :: Typed and requires-python >= 3.6 in the wheel", async () => {
    const { stdout } = await run("/usr/bin/python3", [
      "-c",
      `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print("\\n".join(z.namelist())); print(z.read([n for n in ` +
        `z.namelist() if n.endswith("METADATA")][0]).decode())`,
      wheel,
    ]);
    expect(stdout).toContain("fc_context/py.typed");
    expect(stdout).toContain("Classifier: Typing :: Typed");
    expect(stdout).toContain("Requires-Python: >=3.6");
  });
});
