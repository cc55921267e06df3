import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildDist } from "../../../packages/python/tools/build-dist.mjs";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { type LocalRegistry, startRegistry } from "./local-registry.js";
import { releasedPackages } from "./release-state.js";

// `npm run release:dry`: a release rehearsed against a registry on loopback. Builds; packs every npm
// package into dist/npm and checks each tarball (publint, attw); publishes them to a Verdaccio
// started for the run; installs each package alone, by name, into a fresh project, compiles its
// README's TypeScript there and imports every subpath from ESM and CommonJS, runs its bins; builds
// the wheel and sdist into dist/python, checks them with twine and installs the wheel into a fresh
// venv on every runtime's interpreter. Nothing reaches a public registry.
const TYPES_NODE = "20.19.43"; // the @types/node this repository compiles with
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

interface Manifest {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
}
// each published package with its package.json, read once
const published = releasedPackages(root)
  .filter((pkg) => !pkg.private)
  .map((pkg) => ({
    ...pkg,
    manifest: JSON.parse(readFileSync(path.join(pkg.dir, "package.json"), "utf8")) as Manifest,
  }));
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
  // attw judges JavaScript entry points; a package of documents has none
  if (Object.values(pkg.manifest.exports).some((target) => typeof target === "object"))
    step(`attw ${pkg.name}`, bin("attw"), [tarballs.at(-1)!, "--profile", "esm-only"]);
}

// Publish every tarball to a registry on loopback, then install each package alone, by name, into
// a fresh project, as a user would: its README's TypeScript compiles there, every subpath imports
// from ESM and CommonJS, its bins run.
const registry = await startRegistry(execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim());
try {
  for (const tarball of tarballs)
    step(`publish ${path.basename(tarball)} to ${registry.url}`, "npm", [
      "publish",
      tarball,
      "--userconfig",
      registry.npmrc,
      "--registry",
      `${registry.url}/`,
      "--access",
      "public",
      "--provenance=false",
      "--ignore-scripts",
      "--loglevel=error",
    ]);
  for (const pkg of published) installAlone(pkg, registry);
} finally {
  await registry.stop();
}

function installAlone(pkg: (typeof published)[number], registry: LocalRegistry): void {
  const { manifest } = pkg;
  const readme = readFileSync(path.join(pkg.dir, "README.md"), "utf8");
  const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const project = mkdtempSync(path.join(os.tmpdir(), "fc-context-consumer-"));
  try {
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const wanted = [
      `${manifest.name}@${manifest.version}`,
      ...(examples.length > 0 ? [`@types/node@${TYPES_NODE}`] : []),
    ];
    step(
      `install ${manifest.name} alone, by name, from ${registry.url}`,
      "npm",
      ["install", "--userconfig", registry.npmrc, "--no-audit", "--no-fund", "--loglevel=error", ...wanted],
      project,
    );
    // what came along: the package and the ones it depends on, at its version, nothing else of ours
    const ours = readdirSync(path.join(project, "node_modules/@fc-context")).map((name) => `@fc-context/${name}`);
    const expected = [
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith("@fc-context/")),
    ];
    for (const name of ours) {
      const installed = JSON.parse(readFileSync(path.join(project, "node_modules", name, "package.json"), "utf8"));
      if (installed.version !== manifest.version) throw new Error(`${name} installed at ${installed.version}`);
      if (!expected.includes(name) && !isDependencyOfDependency(project, expected, name))
        throw new Error(`${manifest.name} brought ${name}, which it does not depend on`);
    }
    if (examples.length > 0) {
      for (const [index, code] of examples.entries())
        writeFileSync(path.join(project, `readme_${index}.ts`), `${code}\nexport {};\n`);
      writeFileSync(
        path.join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "nodenext",
            moduleResolution: "nodenext",
            target: "es2022",
            lib: ["es2022"],
            types: ["node"],
            noEmit: true,
            skipLibCheck: false,
          },
          include: ["*.ts"],
        }),
      );
      step(`compile ${manifest.name}'s README examples (TypeScript 5.9)`, process.execPath, [
        path.join(root, "node_modules/typescript5/bin/tsc"),
        "-p",
        project,
        "--pretty",
        "false",
      ]);
    }
    const subpaths = Object.keys(manifest.exports).filter((key) => key !== "./package.json" && !key.includes("*"));
    const ids = subpaths.map((key) => ({
      id: `${manifest.name}${key === "." ? "" : key.slice(1)}`,
      json: key.endsWith(".json"),
    }));
    writeFileSync(
      path.join(project, "esm.mjs"),
      [
        ...ids.map(
          (s, i) => `import * as m${i} from ${JSON.stringify(s.id)}${s.json ? ` with { type: "json" }` : ""};`,
        ),
        `console.log("ESM: imported ${ids.length} subpaths of ${manifest.name}");`,
      ].join("\n"),
    );
    // Node 20.19+ require()s ES modules without top-level await, as ours are
    const js = ids.filter((s) => !s.json);
    writeFileSync(
      path.join(project, "cjs.cjs"),
      [
        ...js.map(
          (s) => `if (typeof require(${JSON.stringify(s.id)}) !== "object") throw new Error(${JSON.stringify(s.id)});`,
        ),
        `console.log("CommonJS: required ${js.length} subpaths of ${manifest.name}");`,
      ].join("\n"),
    );
    if (ids.length > 0) {
      step(`import every subpath of ${manifest.name} from ESM`, process.execPath, ["esm.mjs"], project);
      if (js.length > 0) step("require them from CommonJS", process.execPath, ["--no-warnings", "cjs.cjs"], project);
    }
    for (const name of Object.keys(manifest.bin ?? {})) {
      const bin = path.join(project, "node_modules/.bin", name);
      step(`run the installed ${name}`, bin, ["--help"], project);
      if (name === "fc-context") {
        const fake = execFileSync(bin, ["fake", "--runtime", "python3.9"], { cwd: project });
        execFileSync(bin, ["validate", "-", "--runtime", "python3.9"], {
          cwd: project,
          input: fake,
          stdio: ["pipe", "inherit", "inherit"],
        });
        // run: the bundled Python runner, on each runtime's interpreter found here, from the tarball
        const code = path.join(project, "handler");
        mkdirSync(code);
        writeFileSync(path.join(code, "index.py"), "def handler(event, context):\n    return event\n");
        for (const runtime of layoutRuntimes()) {
          if (findPython(runtime.pythonVersion) === undefined) continue;
          const args = ["run", "index.handler", "--runtime", runtime.id, "--code-dir", code, "--data", "ping"];
          const out = execFileSync(bin, args, { cwd: project, env: { ...process.env, PYTHONPATH: "" } }).toString();
          if (!out.endsWith("ping\n")) throw new Error(`fc-context run on ${runtime.id}: unexpected output`);
          console.log(`fc-context run on ${runtime.id}: ok`);
        }
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** Whether an installed @fc-context package is a dependency of one that was asked for, at any depth. */
function isDependencyOfDependency(project: string, roots: readonly string[], name: string): boolean {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const manifest = JSON.parse(readFileSync(path.join(project, "node_modules", next, "package.json"), "utf8"));
    queue.push(...Object.keys(manifest.dependencies ?? {}).filter((d: string) => d.startsWith("@fc-context/")));
  }
  return seen.has(name);
}

const python = path.join(dist, "python");
process.stdout.write("\n== build the Python wheel and sdist (out of tree)\n");
buildDist(python);
const files = readdirSync(python).map((file) => path.join(python, file));
step("twine check the wheel and sdist", "twine", ["check", "--strict", ...files]);
const wheel = files.find((file) => file.endsWith(".whl"))!;
for (const version of [...new Set(layoutRuntimes().map((runtime) => runtime.pythonVersion))]) {
  const interpreter = findPython(version);
  if (interpreter === undefined) throw new Error(`no Python ${version} under pyenv: the wheel must install on it`);
  const venv = mkdtempSync(path.join(os.tmpdir(), "fc-context-venv-"));
  try {
    step(`install the wheel into a fresh venv on Python ${version}`, interpreter, ["-m", "venv", venv]);
    step("pip install", path.join(venv, "bin/python"), [
      "-m",
      "pip",
      "install",
      "--no-index",
      "--no-deps",
      "-q",
      wheel,
    ]);
    step(
      "import it",
      path.join(venv, "bin/python"),
      [
        "-c",
        "import fc_context, fc_context.events; print('fc_context', fc_context.__version__, 'with', " +
          "len(fc_context.events.KINDS), 'event kinds')",
      ],
      os.tmpdir(),
    );
  } finally {
    rmSync(venv, { recursive: true, force: true });
  }
}
process.stdout.write(
  `\nRelease dry run passed: ${tarballs.map((t) => path.relative(root, t)).join(", ")}, ${readdirSync(python)
    .map((f) => `dist/python/${f}`)
    .join(", ")}. Nothing was published outside the loopback registry.\n`,
);
