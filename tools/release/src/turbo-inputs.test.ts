import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyTrackedFiles, repo } from "./scratch-copy.js";

// turbo replays a cached green result when a task's inputs hash the same: a file a test reads but
// its task does not list lets a broken change pass. In a copy of the tracked files, each class of
// input outside a package's own folder is changed in turn, and every task that reads it must get a
// new hash (turbo run test --dry=json).
const turbo = path.join(repo, "node_modules/.bin/turbo");
let dir = "";

function hashes(): Map<string, string> {
  const out = execFileSync(turbo, ["run", "test", "--dry=json"], {
    cwd: dir,
    encoding: "utf8",
    // the copy has no node_modules: turbo says so on stderr, and runs from this checkout's install
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  const plan = JSON.parse(out) as { tasks: Array<{ taskId: string; hash: string }> };
  return new Map(plan.tasks.map((task) => [task.taskId, task.hash]));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "fc-context-turbo-"));
  copyTrackedFiles(dir);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "--quiet");
  git("add", "--all");
  git("-c", "user.name=ci", "-c", "user.email=ci@localhost", "commit", "--quiet", "-m", "copy");
});
afterAll(() => (dir ? rmSync(dir, { recursive: true, force: true }) : undefined));

const readmes = readdirSync(path.join(repo, "packages"))
  .filter((name) => existsSync(path.join(repo, "packages", name, "README.md")))
  .map((name) => `packages/${name}/README.md`);

// each file, and the tests that read it from outside their own package
const cases: Array<[string, string[]]> = [
  ["MESSAGES.md", ["@fc-context/fuzz#test", "@fc-context/python#test"]],
  [
    "packages/python/src/fc_context/_events.py",
    [
      "@fc-context/python#test",
      "@fc-context/fuzz#test",
      "@fc-context/docs#test",
      "@fc-context/readmes#test",
      "@fc-context/wire#test",
      "@fc-context/cli#test",
      "@fc-context/codegen#test",
    ],
  ],
  ["packages/python/tools/find-python.mjs", ["@fc-context/fuzz#test", "@fc-context/docs#test", "@fc-context/cli#test"]],
  ["packages/validators/bench/hand-written-events.js", ["@fc-context/fuzz#test"]],
  ["README.md", ["@fc-context/readmes#test"]],
  ...readmes.map((file): [string, string[]] => [file, ["@fc-context/readmes#test", "@fc-context/release#test"]]),
  ["spec/events/oss.schema.json", ["@fc-context/validators#test", "@fc-context/fuzz#test", "@fc-context/python#test"]],
];

describe("turbo's inputs", () => {
  it.each(cases)("a change to %s changes the hash of every test that reads it", (file, readers) => {
    const before = hashes();
    appendFileSync(path.join(dir, file), "\n");
    const after = hashes();
    const unchanged = readers.filter((task) => !before.has(task) || before.get(task) === after.get(task));
    expect(unchanged).toEqual([]);
  });
});
