import { execFile, execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The release flow end to end, in a throwaway git repository made from this checkout's files.
const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const tsx = path.join(repo, "node_modules/.bin/tsx");
let root = "";
// the checkout's version, released in the scenario, and the major release after it
const before = (JSON.parse(readFileSync(path.join(repo, "packages/types/package.json"), "utf8")) as { version: string })
  .version;
const major = `${Number(before.split(".")[0]) + 1}.0.0`;

const git = (...args: string[]) =>
  execFileSync("git", ["-C", root, "-c", "user.name=test", "-c", "user.email=test@example.com", ...args], {
    stdio: "pipe",
  });
const tool = (script: string) =>
  run(tsx, [path.join(root, "tools/release/src", script), "--root", root], { cwd: root }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
const changeset = (bump: string) =>
  writeFileSync(
    path.join(root, ".changeset/remove-credentials.md"),
    `---\n"@fc-context/types": ${bump}\n---\n\nRemove credentials from the classic runtimes.\n`,
  );
const versionOf = (file: string) =>
  (JSON.parse(readFileSync(path.join(root, file), "utf8")) as { version: string }).version;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "fc-context-release-"));
  // the working tree as it stands: tracked files and new ones that are not ignored
  const files = execFileSync("git", ["-C", repo, "ls-files", "--cached", "--others", "--exclude-standard"], {
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);
  for (const file of files) {
    // the scenario starts from a released state: changesets pending in the working tree are not part of it
    if (/^\.changeset\/(?!README\.md$)[^/]+\.md$/.test(file)) continue;
    if (!existsSync(path.join(repo, file))) continue;
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    copyFileSync(path.join(repo, file), path.join(root, file));
  }
  symlinkSync(path.join(repo, "node_modules"), path.join(root, "node_modules"));
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", `release ${before}`);
  git("tag", `v${before}`);
  // the breaking change: the classic runtimes lose credentials
  const classic = path.join(root, "spec/shared/classic.schema.json");
  const spec = JSON.parse(readFileSync(classic, "utf8"));
  const context = spec.$defs.FCContext;
  delete context.properties.credentials;
  context.required = context.required.filter((name: string) => name !== "credentials");
  context["x-constructor"] = context["x-constructor"].filter((param: { name: string }) => param.name !== "credentials");
  delete spec.$defs.Credentials;
  writeFileSync(classic, `${JSON.stringify(spec, null, 2)}\n`);
});
afterAll(() => (root ? rmSync(root, { recursive: true, force: true }) : undefined));

describe("releasing a spec change", () => {
  it("fails the bump guard with a minor changeset, naming the change and the bump it needs", async () => {
    changeset("minor");
    const result = await tool("check-release.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`since ${before} (v${before})`);
    expect(result.stderr).toMatch(/major python3\.9 credentials: field removed \(readers: breaks, writers: breaks\)/);
    expect(result.stderr).toContain("Add a major changeset");
  });

  it("passes with a major changeset", async () => {
    changeset("major");
    const result = await tool("check-release.ts");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/need a major release; pending changesets give major .*: ok/);
  });

  it("then npm run version puts every package, pyproject.toml and the spec on the next major version", async () => {
    const result = await tool("version.ts");
    expect(result.code, result.stderr).toBe(0);
    for (const dir of ["types", "validators", "python", "docs"]) {
      expect(versionOf(`packages/${dir}/package.json`), dir).toBe(major);
      expect(existsSync(path.join(root, `packages/${dir}/CHANGELOG.md`)), dir).toBe(true);
    }
    expect(readFileSync(path.join(root, "packages/python/pyproject.toml"), "utf8")).toContain(
      `\nversion = "${major}"\n`,
    );
    expect(readFileSync(path.join(root, "packages/python/src/fc_context/__init__.py"), "utf8")).toContain(
      `__version__ = "${major}"`,
    );
    const spec = JSON.parse(readFileSync(path.join(root, "spec/python3.9.schema.json"), "utf8"));
    expect([spec["x-spec-version"], spec.$id]).toEqual([
      major,
      `https://fc-context.dev/schemas/${major}/python3.9.schema.json`,
    ]);
    expect(readFileSync(path.join(root, "packages/types/gen/python3.9.d.ts"), "utf8")).not.toContain("credentials:");
    expect(existsSync(path.join(root, ".changeset/remove-credentials.md"))).toBe(false);
    // released: the guard now compares against the recorded snapshot and is quiet
    expect((await tool("check-release.ts")).code).toBe(0);
  });
});
