import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOutputs, SpecError } from "@fc-context/codegen";
import { afterAll, describe, expect, it } from "vitest";
import { layoutRuntimes, newRuntimeId } from "../../../spec/read-layout.mjs";
import { compareReport } from "../src/conformance/compare.js";
import type { Report } from "../src/conformance/types.js";

// `fc-context spec draft`: a report of a runtime the spec lacks becomes a spec file the generator
// refuses, naming each gap, until the gaps are filled; then it generates, and the new runtime's
// spec holds the report with no difference.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageDir, "../..");
const bin = path.join(packageDir, "bin/fc-context.js");
const fixtures = path.join(packageDir, "test/fixtures");
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-draft-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;

// biome-ignore lint/suspicious/noExplicitAny: a report is JSON whose shape the test asserts
function python(args: string[]): any {
  const out = execFileSync("/usr/bin/python3", args, {
    env: { ...process.env, PYTHONPATH: path.join(repoRoot, "packages/python/src"), PYTHONDONTWRITEBYTECODE: "1" },
  });
  return JSON.parse(out.toString("utf8"));
}

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

let checkouts = 0;
/** A copy of the repository's spec/ folder to draft into, and a report file beside it. */
function checkout(report: Json): { root: string; report: string } {
  const root = path.join(scratch, `checkout-${checkouts++}`);
  cpSync(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
  const file = path.join(root, "report.json");
  writeFileSync(file, JSON.stringify(report));
  return { root, report: file };
}

/** Every DRAFT value, by JSON pointer. */
function gaps(value: unknown, pointer = ""): string[] {
  if (typeof value === "string") return value.startsWith("DRAFT") ? [pointer] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    gaps(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
  );
}

/** What a maintainer writes: a registered source, words, a to_json key, and the header that fills it. */
const FILLED: Readonly<Record<string, string>> = {
  "x-source": "RT",
  "x-to-json": "instanceId",
  "x-header": "x-fc-instance-id",
};

function fill(value: unknown, key = ""): unknown {
  if (typeof value === "string" && value.startsWith("DRAFT"))
    return Object.hasOwn(FILLED, key) ? FILLED[key] : "Written by the maintainer.";
  if (Array.isArray(value)) return value.map((item) => fill(item, key));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
  return value;
}

async function refused(root: string): Promise<SpecError> {
  try {
    await buildOutputs(root, "spec");
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("the draft generated with its gaps open");
}

async function draftGenerates(report: Report, id: string): Promise<Json> {
  const { root, report: file } = checkout(report);
  const result = await cli(["spec", "draft", file], root);
  expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
  const target = path.join(root, "spec", `${id}.schema.json`);
  const draft = JSON.parse(readFileSync(target, "utf8"));
  const open = gaps(draft);
  expect(result.stdout).toContain(`${open.length} gaps to fill`);

  const error = await refused(root);
  expect(error.issues.map((issue) => issue.pointer).sort()).toEqual([...open].sort());
  for (const issue of error.issues) {
    expect(issue.file).toBe(`spec/${id}.schema.json`);
    expect(issue.expected).toMatch(/^this draft gap filled in \(.+\)$/);
  }

  writeFileSync(target, JSON.stringify(fill(draft), null, 2));
  const { model, outputs } = await buildOutputs(root, "spec");
  expect(model.runtimes.map((r) => r.id)).toContain(id);
  const manifest = JSON.parse(outputs.find((o) => o.dir === "packages/cli/gen")!.files.get("runtimes.json")!);
  const runtime = manifest.runtimes.find((r: Json) => r.id === id);
  expect(compareReport(report, runtime)).toEqual([]);
  return draft;
}

// a runtime the spec does not have yet, whatever runtimes it has
const NEW_ID = newRuntimeId();
const NEW_VERSION = NEW_ID.slice("python".length);
const NEW_MODULE = `py${NEW_VERSION.replace(".", "")}`;

describe("fc-context spec draft", () => {
  it("drafts a runtime with a new attribute from the nearest one; it generates once the gaps are filled", async () => {
    const report = python([path.join(fixtures, "synthetic_runtime.py"), "new-parameter", NEW_ID]);
    const draft = await draftGenerates(report, NEW_ID);
    expect(draft["x-runtime"]).toMatchObject({ id: NEW_ID, pythonVersion: NEW_VERSION, pythonModule: NEW_MODULE });
    const context = draft.$defs.FCContext;
    expect(context.properties.request_id.$ref).toBe("shared/fields.schema.json#/$defs/request_id");
    expect(context.properties.credentials.$ref).toBe("#/$defs/Credentials");
    expect(context.properties.instance_id).toMatchObject({ type: "string", examples: ["c-65a1b2c3"] });
    expect(context["x-constructor"].at(-1)).toEqual({
      name: "instance_id",
      fills: "instance_id",
      default: "c-65a1b2c3",
    });
    expect(draft.$defs.Credentials.properties.access_key_secret).toMatchObject({ "x-source": ["DRAFT"] });
  });

  it("drafts a runtime the spec knows under another id as a reference to its classes", async () => {
    const newest = layoutRuntimes().at(-1)!.id;
    const report = python([
      "-c",
      "import json; from fc_context import probe; from fc_context.testing import fake_context; " +
        `print(json.dumps(probe.report(fake_context('${newest}'), runtime='${NEW_ID}')))`,
    ]);
    const draft = await draftGenerates(report, NEW_ID);
    expect(draft.$ref).toBe(`${newest}.schema.json#/$defs/FCContext`);
    expect(draft.$defs).toBeUndefined();
  });

  it("refuses what it cannot draft, with a reason (exit 2)", async () => {
    const report = python([path.join(fixtures, "synthetic_runtime.py"), "none", "python3.9"]);
    const { root, report: file } = checkout(report);
    const known = await cli(["spec", "draft", file], root);
    expect(known.code).toBe(2);
    expect(known.stderr).toContain("the spec has python3.9 already");
    const again = ["spec", "draft", file, "--runtime", NEW_ID];
    expect((await cli(again, root)).code).toBe(0);
    const exists = await cli(again, root);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain("exists: pass --force");
    expect((await cli([...again, "--force"], root)).code).toBe(0);
    expect((await cli(["spec", "draft", file, "--runtime", "node20"], root)).stderr).toContain(
      "expected a runtime id such as python3.13",
    );
    expect((await cli(["spec", "publish", file], root)).stderr).toContain('unknown subcommand "publish"');
    const elsewhere = await cli(
      ["spec", "draft", file, "--runtime", NEW_ID, "--spec", path.join(scratch, "nothing")],
      root,
    );
    expect(elsewhere.stderr).toContain("pass --spec <dir>");
    expect(existsSync(path.join(scratch, "nothing"))).toBe(false);
  });
});
