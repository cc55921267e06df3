import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildDist } from "../../../packages/python/tools/build-dist.mjs";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { releasedPackages } from "./release-state.js";

// `npm run release:dry`: everything a release does but publish. Builds; packs every npm package
// into dist/npm and checks each tarball (publint, attw); installs the tarballs into a fresh npm
// project and imports every subpath from ESM and require()s it from CommonJS; builds the wheel
// and sdist into dist/python and installs the wheel into a fresh venv.
const { values } = parseArgs({ options: { root: { type: "string", default: "." } } });
const root = path.resolve(values.root!);
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const step = (title: string, command: string, args: string[], cwd = root) => {
  process.stdout.write(`\n== ${title}\n`);
  execFileSync(command, args, { cwd, stdio: "inherit" });
};

const dist = path.join(root, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, "npm"), { recursive: true });
step("build", bin("turbo"), ["run", "build", "--output-logs=errors-only"]);

const published = releasedPackages(root).filter((pkg) => !pkg.private);
const tarballs: string[] = [];
for (const pkg of published) {
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", path.join(dist, "npm")], {
    cwd: pkg.dir,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .at(-1)!;
  tarballs.push(path.join(dist, "npm", name));
  step(`publint ${pkg.name}`, bin("publint"), ["--strict", pkg.dir]);
  const manifest = JSON.parse(readFileSync(path.join(pkg.dir, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  // attw judges JavaScript entry points; a package of documents has none
  if (Object.values(manifest.exports).some((target) => typeof target === "object"))
    step(`attw ${pkg.name}`, bin("attw"), [tarballs.at(-1)!, "--profile", "esm-only"]);
}

const project = mkdtempSync(path.join(os.tmpdir(), "fc-context-consumer-"));
try {
  writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  step(
    "install the tarballs into a fresh project",
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--silent", ...tarballs],
    project,
  );
  const specifiers: Array<{ id: string; json: boolean }> = [];
  for (const pkg of published) {
    const manifest = JSON.parse(readFileSync(path.join(pkg.dir, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    for (const key of Object.keys(manifest.exports)) {
      if (key === "./package.json" || key.includes("*")) continue;
      specifiers.push({ id: `${pkg.name}${key === "." ? "" : key.slice(1)}`, json: key.endsWith(".json") });
    }
  }
  const imports = specifiers.map((s, i) => {
    const attributes = s.json ? ` with { type: "json" }` : "";
    return `import * as m${i} from ${JSON.stringify(s.id)}${attributes};`;
  });
  imports.push(`console.log("ESM: imported " + ${specifiers.length} + " subpaths");`);
  writeFileSync(path.join(project, "esm.mjs"), `${imports.join("\n")}\n`);
  const js = specifiers.filter((s) => !s.json);
  // Node 20.19+ require()s ES modules without top-level await, as ours are
  const requires = js.map((s) => {
    const id = JSON.stringify(s.id);
    return `if (typeof require(${id}) !== "object") throw new Error(${id});`;
  });
  requires.push(`console.log("CommonJS: required " + ${js.length} + " subpaths");`);
  writeFileSync(path.join(project, "cjs.cjs"), `${requires.join("\n")}\n`);
  step("import every subpath from ESM", process.execPath, ["esm.mjs"], project);
  step("require every subpath from CommonJS", process.execPath, ["--no-warnings", "cjs.cjs"], project);
  for (const pkg of published) {
    const manifest = JSON.parse(readFileSync(path.join(pkg.dir, "package.json"), "utf8")) as {
      bin?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.bin ?? {}))
      step(`run the installed ${name} bin`, path.join(project, "node_modules/.bin", name), ["--help"], project);
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}

const python = path.join(dist, "python");
process.stdout.write("\n== build the Python wheel and sdist (out of tree)\n");
buildDist(python);
const wheel = readdirSync(python).find((file) => file.endsWith(".whl"));
const venv = mkdtempSync(path.join(os.tmpdir(), "fc-context-venv-"));
try {
  const interpreter =
    ["3.12", "3.10", "3.9", "3.6"].map(findPython).find((found) => found !== undefined) ?? "/usr/bin/python3";
  step("install the wheel into a fresh venv", interpreter, ["-m", "venv", venv]);
  step("pip install", path.join(venv, "bin/python"), [
    "-m",
    "pip",
    "install",
    "--no-index",
    "--no-deps",
    "-q",
    path.join(python, wheel!),
  ]);
  step(
    "import it",
    path.join(venv, "bin/python"),
    [
      "-c",
      "import fc_context; [fc_context.for_runtime(r) for r in fc_context.RUNTIMES]; print('fc_context', " +
        "fc_context.__version__, 'imports', len(fc_context.RUNTIMES), 'runtime modules')",
    ],
    os.tmpdir(),
  );
} finally {
  rmSync(venv, { recursive: true, force: true });
}
process.stdout.write(
  `\nRelease dry run passed: ${tarballs.map((t) => path.relative(root, t)).join(", ")}, ${readdirSync(python)
    .map((f) => `dist/python/${f}`)
    .join(", ")}. Nothing was published.\n`,
);
