// Builds the Python distribution out of tree: the package is copied to a scratch folder (so no
// build leaves anything beside the sources) and the wheel and sdist land in one folder. hatchling
// makes both reproducible: the same sources give the same bytes (SOURCE_DATE_EPOCH, or its fixed
// default). `npm run build` runs it for dist/python/; the release dry run and the Python tests reuse it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Debian's python3 with its hatchling (apt: python3-hatchling): PyPI is not needed, so the build
// works offline.
const BUILDER = process.env.FC_CONTEXT_BUILD_PYTHON ?? "/usr/bin/python3";

/** Writes fc_context-<version>-py3-none-any.whl and fc_context-<version>.tar.gz into out; returns their paths. */
export function buildDist(out) {
  mkdirSync(out, { recursive: true });
  for (const file of readdirSync(out).filter((f) => /^fc[-_]context-.*\.(whl|tar\.gz)$/.test(f)))
    rmSync(path.join(out, file));
  const source = mkdtempSync(path.join(os.tmpdir(), "fc-context-python-build-"));
  const quiet = { stdio: ["ignore", "ignore", "pipe"] };
  try {
    cpSync(packageDir, source, {
      recursive: true,
      filter: (file) =>
        !/node_modules|__pycache__|\.pytest_cache|\.egg-info|[\\/](test|tests|bench|tools|build)$/.test(file),
    });
    execFileSync(
      BUILDER,
      ["-c", "import sys, hatchling.build as b; b.build_sdist(sys.argv[1]); b.build_wheel(sys.argv[1])", out],
      { ...quiet, cwd: source },
    );
  } catch (error) {
    const stderr = error.stderr?.toString().trim() ?? "";
    throw new Error(
      `building the Python distribution with ${BUILDER} failed (it needs hatchling 1.12 or newer: ` +
        `apt install python3-hatchling)${stderr ? `:\n${stderr}` : ""}`,
    );
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
  const built = readdirSync(out)
    .filter((f) => /^fc[-_]context-.*\.(whl|tar\.gz)$/.test(f))
    .sort();
  return built.map((file) => path.join(out, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(packageDir, "../../dist/python"));
  try {
    for (const file of buildDist(out)) process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
