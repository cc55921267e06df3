// Where each FC runtime's interpreter is on this machine: pyenv's versions/<X.Y.*>/bin/pythonX.Y
// (the bare pythonX.Y shims fail unless PYENV_VERSION names the version). One lookup for the
// tests, the benchmark and the release dry run.
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function pyenvRoot() {
  return process.env.PYENV_ROOT ?? path.join(os.homedir(), ".pyenv");
}

/** The newest installed interpreter of a Python version ("3.9"), or undefined. */
export function findPython(version) {
  const versions = path.join(pyenvRoot(), "versions");
  if (!existsSync(versions)) return undefined;
  const dir = readdirSync(versions)
    .filter((name) => name.startsWith(`${version}.`))
    .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]))
    .at(-1);
  const binary = dir && path.join(versions, dir, "bin", `python${version}`);
  return binary && existsSync(binary) ? binary : undefined;
}
