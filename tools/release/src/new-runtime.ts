import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { layoutRuntimes, newRuntimeId } from "../../../spec/read-layout.mjs";

// `npm run check:new-runtime`: adds a runtime the way CONTRIBUTING's "Adding a runtime" says, in a
// scratch copy of the repository, and proves the rest follows from the spec. The new runtime copies
// the newest one under the next id (python3.N+1), its spec file is the only file written by hand
// (plus the vectors of its model, which live in spec/ too); then the maintainer's commands run:
// generate, golden, the whole `npm test`, and the user's first steps on the new id (the CLI's
// validate and conformance, the TypeScript subpaths, the Python module on its own interpreter).
// Nothing outside spec/ is edited; a failure leaves the scratch copy for reading.
const { values } = parseArgs({
  options: { keep: { type: "boolean", default: false }, "skip-tests": { type: "boolean", default: false } },
});
const repo = path.resolve(import.meta.dirname, "../../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-new-runtime-"));
const runtimes = layoutRuntimes();
const from = runtimes.at(-1)!;
const id = newRuntimeId();
const version = id.slice("python".length);
const module = `py${version.replace(".", "")}`;

const run = (title: string, command: string, args: string[], env: Record<string, string> = {}) => {
  process.stdout.write(`\n== ${title}\n`);
  execFileSync(command, args, { cwd: scratch, stdio: "inherit", env: { ...process.env, ...env } });
};
/** The working tree's files as git sees them (tracked and new, not ignored), without the deleted. */
function copyRepository(): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  for (const file of listed.split("\0").filter(Boolean)) {
    const source = path.join(repo, file);
    if (!existsSync(source)) continue;
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    cpSync(source, path.join(scratch, file), { verbatimSymlinks: true });
  }
  // installed dependencies come along as they are: the workspace links are relative, so they point
  // at the scratch copy's packages
  const workspaces = ["."].concat(
    ...["packages", "tools"].map((dir) => readdirSync(path.join(repo, dir)).map((name) => path.join(dir, name))),
  );
  for (const workspace of workspaces) {
    const modules = path.join(repo, workspace, "node_modules");
    if (existsSync(modules))
      cpSync(modules, path.join(scratch, workspace, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
}

/** The new runtime's spec: the newest runtime's file with the id, Python version and module replaced. */
function writeSpec(): void {
  const text = readFileSync(path.join(repo, from.specFile), "utf8");
  const escaped = from.id.replace(/\./g, "\\.");
  const spec = text
    .replace(new RegExp(`${escaped}(?![0-9])`, "g"), id)
    .replace(`"pythonVersion": "${from.pythonVersion}"`, `"pythonVersion": "${version}"`)
    .replace(`"pythonModule": "${from.pythonModule}"`, `"pythonModule": "${module}"`);
  writeFileSync(path.join(scratch, "spec", `${id}.schema.json`), spec);
}

try {
  process.stdout.write(`adding ${id} (a copy of ${from.id}) in ${scratch}\n`);
  const python = findPython(version);
  if (!python) throw new Error(`no Python ${version} under pyenv: the new runtime's tests need its interpreter`);
  copyRepository();
  writeSpec();
  run("generate", "npm", ["run", "--silent", "generate"]);
  const layout = JSON.parse(readFileSync(path.join(scratch, "packages/types/gen/layout.json"), "utf8"));
  const added = layout.runtimes.find((runtime: { id: string }) => runtime.id === id);
  if (!added) throw new Error(`the generated layout has no ${id}`);
  if (added.model === id)
    // a model of its own needs vectors of its own: the copied runtime's, as a maintainer starts
    cpSync(path.join(repo, "spec/vectors", from.model), path.join(scratch, "spec/vectors", id), { recursive: true });
  run("golden", "npm", ["run", "--silent", "golden"]);
  run("a repository to test in", "git", ["init", "--quiet"]);
  run("commit", "git", ["add", "--all"]);
  run("commit", "git", ["-c", "user.name=ci", "-c", "user.email=ci@localhost", "commit", "--quiet", "-m", id]);

  run("build", "npx", ["turbo", "run", "build", "--output-logs=errors-only"], { TURBO_TELEMETRY_DISABLED: "1" });
  const base = JSON.parse(readFileSync(path.join(scratch, "spec/vectors", added.model, "base.json"), "utf8"));
  writeFileSync(path.join(scratch, "context.json"), JSON.stringify(base.value));
  run(`fc-context validate --runtime ${id}`, "node", [
    "packages/cli/bin/fc-context.js",
    "validate",
    "--runtime",
    id,
    "context.json",
  ]);
  run(`the TypeScript subpaths of ${id}`, "node", [
    "--input-type=module",
    "-e",
    `for (const pkg of ["types", "validators", "wire"]) await import("@fc-context/" + pkg + "/${id}");`,
  ]);
  run(
    `fc_context.for_runtime("${id}") on Python ${version}`,
    python,
    ["-c", `import fc_context; assert fc_context.for_runtime("${id}").__name__ == "fc_context.${module}"`],
    { PYTHONPATH: path.join(scratch, "packages/python/src") },
  );
  if (!values["skip-tests"])
    run("npm test", "npx", ["turbo", "run", "test", "--continue", "--output-logs=new-only"], {
      TURBO_TELEMETRY_DISABLED: "1",
    });
  process.stdout.write(`\n${id} followed from its spec file alone\n`);
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\nthe scratch copy is kept: ${scratch}\n`);
  process.exit(1);
}
