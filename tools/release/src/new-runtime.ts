import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { layoutRuntimes, newRuntimeId } from "../../../spec/read-layout.mjs";
import { repo, scratchCopy, testAll } from "./scratch-copy.js";

// `npm run check:new-runtime`: adds a runtime the way CONTRIBUTING's "Adding a runtime" says, in a
// scratch copy of the repository, and proves the rest follows from the spec. The new runtime copies
// the newest one under the next id (python3.N+1): its spec file is the only file written by hand
// (with the vectors of its model when it has one of its own, which live in spec/ too); then the
// maintainer's commands run (generate, golden, the whole `npm test`) and the user's first steps on
// the new id (the CLI's validate, the TypeScript subpaths, the Python module on its interpreter).
// Nothing outside spec/ is edited by hand; a failure leaves the scratch copy for reading.
const { values } = parseArgs({
  options: { keep: { type: "boolean", default: false }, "skip-tests": { type: "boolean", default: false } },
});
const from = layoutRuntimes().at(-1)!;
const id = newRuntimeId();
const version = id.slice("python".length);
const module = `py${version.replace(".", "")}`;
const python = findPython(version);
if (!python) {
  process.stderr.write(`no Python ${version} under pyenv: the new runtime's tests need its interpreter\n`);
  process.exit(1);
}

const scratch = scratchCopy("fc-context-new-runtime-");
try {
  process.stdout.write(`adding ${id} (a copy of ${from.id}) in ${scratch.dir}\n`);
  const text = readFileSync(path.join(repo, from.specFile), "utf8");
  const spec = text
    .replace(new RegExp(`${from.id.replace(/\./g, "\\.")}(?![0-9])`, "g"), id)
    .replace(`"pythonVersion": "${from.pythonVersion}"`, `"pythonVersion": "${version}"`)
    .replace(`"pythonModule": "${from.pythonModule}"`, `"pythonModule": "${module}"`);
  writeFileSync(path.join(scratch.dir, "spec", `${id}.schema.json`), spec);

  scratch.run("generate", "npm", ["run", "--silent", "generate"]);
  const layout = JSON.parse(readFileSync(path.join(scratch.dir, "packages/types/gen/layout.json"), "utf8"));
  const added = layout.runtimes.find((runtime: { id: string }) => runtime.id === id);
  if (!added) throw new Error(`the generated layout has no ${id}`);
  if (added.model === id)
    // a model of its own needs vectors of its own: the copied runtime's, as a maintainer starts
    cpSync(path.join(repo, "spec/vectors", from.model), path.join(scratch.dir, "spec/vectors", id), {
      recursive: true,
    });
  scratch.run("golden", "npm", ["run", "--silent", "golden"]);
  scratch.commit(`add ${id}`);

  scratch.run("build", "npx", ["turbo", "run", "build", "--output-logs=errors-only"]);
  const base = JSON.parse(readFileSync(path.join(scratch.dir, "spec/vectors", added.model, "base.json"), "utf8"));
  writeFileSync(path.join(scratch.dir, "context.json"), JSON.stringify(base.value));
  scratch.run(`fc-context validate --runtime ${id}`, "node", [
    "packages/cli/bin/fc-context.js",
    "validate",
    "--runtime",
    id,
    "context.json",
  ]);
  scratch.run(`the TypeScript subpaths of ${id}`, "node", [
    "--input-type=module",
    "-e",
    `for (const pkg of ["types", "validators", "wire"]) await import("@fc-context/" + pkg + "/${id}");`,
  ]);
  scratch.run(
    `fc_context.for_runtime("${id}") on Python ${version}`,
    python,
    ["-c", `import fc_context; assert fc_context.for_runtime("${id}").__name__ == "fc_context.${module}"`],
    { PYTHONPATH: path.join(scratch.dir, "packages/python/src") },
  );
  if (!values["skip-tests"]) testAll(scratch);
  process.stdout.write(`\n${id} followed from its spec file alone\n`);
  if (!values.keep) rmSync(scratch.dir, { recursive: true, force: true });
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\nthe scratch copy is kept: ${scratch.dir}\n`);
  process.exit(1);
}
