import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// A scratch copy of the repository for the maintainer's loops (new-runtime.ts, version-loop.ts):
// the working tree's files as git sees them, with the installed dependencies, in a fresh folder
// where a loop may edit, generate and test without touching the checkout.
export const repo = path.resolve(import.meta.dirname, "../../..");

export interface Scratch {
  readonly dir: string;
  /** Runs a command in the scratch copy, its output shown under a title; throws when it fails. */
  run(title: string, command: string, args: string[], env?: Record<string, string>): void;
  /** Makes the copy a git repository with everything committed, as a clean clone is. */
  commit(message: string): void;
}

/** The working tree's files as git sees them (tracked, and untracked but not ignored), copied into dir. */
export function copyTrackedFiles(dir: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  for (const file of listed.split("\0").filter(Boolean)) {
    const source = path.join(repo, file);
    if (!existsSync(source)) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(source, path.join(dir, file), { verbatimSymlinks: true });
  }
}

export function scratchCopy(prefix: string): Scratch {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  copyTrackedFiles(dir);
  // installed dependencies come along as they are: the workspace links are relative, so they point
  // at the scratch copy's packages
  const workspaces = ["."].concat(
    ...["packages", "tools"].map((parent) =>
      readdirSync(path.join(repo, parent)).map((name) => path.join(parent, name)),
    ),
  );
  for (const workspace of workspaces) {
    const modules = path.join(repo, workspace, "node_modules");
    if (existsSync(modules))
      cpSync(modules, path.join(dir, workspace, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  const run = (title: string, command: string, args: string[], env: Record<string, string> = {}) => {
    process.stdout.write(`\n== ${title}\n`);
    execFileSync(command, args, {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", ...env },
    });
  };
  const commit = (message: string) => {
    if (!existsSync(path.join(dir, ".git"))) execFileSync("git", ["init", "--quiet"], { cwd: dir });
    execFileSync("git", ["add", "--all"], { cwd: dir });
    execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@localhost", "commit", "--quiet", "-m", message], {
      cwd: dir,
    });
  };
  return { dir, run, commit };
}

/** The whole `npm test` of a scratch copy, every task run (no cache: the copy has none). */
export function testAll(scratch: Scratch): void {
  scratch.run("npm test", "npx", ["turbo", "run", "test", "--continue", "--output-logs=new-only"]);
}
