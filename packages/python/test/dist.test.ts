import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { buildDist } from "../tools/build-dist.mjs";
import { findPython } from "../tools/find-python.mjs";

// The Python distribution as an index receives it: PEP 625 file names, the same bytes from two
// builds, the metadata a project page shows, what twine checks, and the sdist installing on every
// runtime's interpreter.
const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const version = /^version = "([^"]+)"$/m.exec(await readFile(path.join(packageDir, "pyproject.toml"), "utf8"))![1]!;
let scratch = "";
let first: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "fc-context-dist-"));
  first = buildDist(path.join(scratch, "one"));
});
afterAll(() => (scratch ? rm(scratch, { recursive: true, force: true }) : undefined));

describe("the Python distribution", () => {
  it("is a wheel and an sdist named as PEP 427 and PEP 625 say", () => {
    expect(first.map((file) => path.basename(file))).toEqual([
      `fc_context-${version}-py3-none-any.whl`,
      `fc_context-${version}.tar.gz`,
    ]);
  });

  it("builds to the same bytes twice", async () => {
    // a second apart at least, so a timestamp taken from the clock would show
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = buildDist(path.join(scratch, "two"));
    for (const [index, file] of first.entries())
      expect((await readFile(second[index]!)).equals(await readFile(file)), path.basename(file)).toBe(true);
  });

  it("says where the project lives, how mature it is, and holds exactly the package, README, licence and pyproject", async () => {
    const python = "/usr/bin/python3";
    const script = [
      "import sys, tarfile, zipfile",
      "wheel, sdist = sys.argv[1:3]",
      "names = zipfile.ZipFile(wheel).namelist()",
      "meta = zipfile.ZipFile(wheel).read([n for n in names if n.endswith('.dist-info/METADATA')][0]).decode()",
      "print('\\n'.join(l for l in meta.splitlines() if l.startswith(('Project-URL', 'Classifier: Development'))))",
      "print('--')",
      "print('\\n'.join(sorted(n.split('/', 1)[1] for n in tarfile.open(sdist).getnames() if '/' in n)))",
    ].join("\n");
    const { stdout } = await run(python, ["-c", script, ...first]);
    const [meta, sdist] = stdout.split("--\n") as [string, string];
    expect(meta).toMatch(/^Project-URL: Source, https:\/\/github\.com\//m);
    expect(meta).toMatch(/^Project-URL: Issues, /m);
    expect(meta).toMatch(/^Classifier: Development Status :: 3 - Alpha$/m);
    const files = sdist.trim().split("\n");
    expect(files.filter((file) => !file.startsWith("src/fc_context/"))).toEqual([
      "LICENSE",
      "PKG-INFO",
      "README.md",
      "pyproject.toml",
    ]);
    expect(files).toContain("src/fc_context/py.typed");
    expect(files.some((file) => /__pycache__|\.pyc$/.test(file))).toBe(false);
  });

  it.skipIf(!existsSync("/usr/bin/twine") && process.env.CI !== "true")("passes twine check", async () => {
    const { stdout } = await run("twine", ["check", "--strict", ...first]);
    expect(stdout.match(/PASSED/g)).toHaveLength(2);
  });

  it.each([...new Set(layoutRuntimes().map((r) => r.pythonVersion))])(
    "installs from the sdist on Python %s, offline",
    async (pythonVersion) => {
      const interpreter = findPython(pythonVersion);
      if (interpreter === undefined) {
        if (process.env.CI === "true") throw new Error(`no Python ${pythonVersion}`);
        return;
      }
      // an sdist builds with its backend: hatchling from the builder's site-packages, offline
      const venv = path.join(scratch, `sdist-${pythonVersion}`);
      await run(interpreter, ["-m", "venv", venv]);
      const sdist = first.find((file) => file.endsWith(".tar.gz"))!;
      const target = path.join(venv, "unpacked");
      await run(
        "/usr/bin/python3",
        ["-m", "pip", "install", "--no-deps", "--no-index", "--no-build-isolation", "-q", "--target", target, sdist],
        { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } },
      );
      const { stdout } = await run(
        path.join(venv, "bin", "python"),
        ["-c", "import fc_context, sys; print(fc_context.__version__)"],
        {
          env: { ...process.env, PYTHONPATH: target },
        },
      );
      expect(stdout.trim()).toBe(version);
    },
  );
});
