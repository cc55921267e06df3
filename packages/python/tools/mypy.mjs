// mypy, the second type checker in the Python matrix (pyright is the first): Debian's python3-mypy
// (PyPI is out of reach), run by Debian's python3. One runner for the package's tests and the
// README tests, so both read its findings alike.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";

/** Whether Debian's mypy is installed (CI installs it; the tests fail there when it is not). */
export async function hasMypy() {
  if (!existsSync(PYTHON)) return false;
  return run(PYTHON, ["-m", "mypy", "--version"]).then(
    () => true,
    () => false,
  );
}

/**
 * mypy's errors on files at a Python version, as "file:line: message" (the file's base name), with
 * fc_context found in `sourceDir`. No cache is written: several checks run at once.
 */
export async function mypyErrors(files, version, { sourceDir, strict = true }) {
  const args = ["-m", "mypy", "--cache-dir", "/dev/null", "--python-version", version, "--no-error-summary"];
  if (strict) args.push("--strict");
  args.push("--show-error-codes", "--no-color-output", ...files);
  const { stdout } = await run(PYTHON, args, {
    env: { ...process.env, MYPYPATH: sourceDir },
    maxBuffer: 32 * 1024 * 1024,
  }).catch((error) => {
    // exit 1 means errors were found; anything else (a crash, a usage error) is the test's failure
    if (error.code === 1) return error;
    throw new Error(`mypy failed (exit ${error.code}): ${error.stderr || error.stdout}`);
  });
  return stdout
    .split("\n")
    .filter((line) => /^[^:]+:\d+: error: /.test(line))
    .map((line) => {
      const [file, lineNumber, ...rest] = line.split(":");
      return `${path.basename(file)}:${lineNumber}:${rest.join(":").replace(/^ error/, "")}`;
    });
}
