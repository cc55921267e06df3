import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { GOLDEN_MODEL_FILE, generate, goldenModelText, pep440 } from "@fc-context/codegen";
import { currentVersion } from "./release-state.js";

// `npm run version`: changeset version, then the same version everywhere else it lives: the
// spec (x-spec-version and $ids), pyproject.toml (PEP 440), the generated packages, and the
// snapshot of the released spec that the bump guard compares against, and the golden model.
const { values } = parseArgs({ options: { root: { type: "string", default: "." } } });
const root = path.resolve(values.root!);
const before = currentVersion(root);
execFileSync(path.join(root, "node_modules/.bin/changeset"), ["version"], { cwd: root, stdio: "inherit" });
const version = currentVersion(root);
const python = pep440(version);
if (python === undefined)
  throw new Error(`${version} has no PEP 440 spelling: use a release or an alpha.N, beta.N or rc.N pre-release`);

for (const file of specFiles(path.join(root, "spec"))) {
  const text = readFileSync(file, "utf8");
  writeFileSync(
    file,
    text
      .replace(`"x-spec-version": "${before}"`, `"x-spec-version": "${version}"`)
      .replace(`/schemas/${before}/`, `/schemas/${version}/`),
  );
}
const pyproject = path.join(root, "packages/python/pyproject.toml");
writeFileSync(pyproject, readFileSync(pyproject, "utf8").replace(/^version = ".*"$/m, `version = "${python}"`));
const { model } = await generate({ root });
// every $id holds the version, so the golden model changes with it
writeFileSync(path.join(root, GOLDEN_MODEL_FILE), goldenModelText(model));
const snapshot = path.join(root, "release/spec-snapshot");
rmSync(snapshot, { recursive: true, force: true });
cpSync(path.join(root, "spec"), snapshot, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}vectors`),
});
process.stdout.write(
  `${before} -> ${version} (Python ${python}): packages, spec, pyproject.toml, generated code, the golden ` +
    `model and release/spec-snapshot.\n`,
);

function specFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".schema.json") && !name.endsWith("meta.schema.json"))
    .map((name) => path.join(dir, name));
}
