import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalRuntime } from "@fc-context/types";
import type { ValidationIssue } from "@fc-context/validators";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../../../tools/fuzz/src/arbitraries.js";
import { findPython } from "../../python/tools/find-python.mjs";
import manifestJson from "../gen/runtimes.json" with { type: "json" };
import { main } from "../src/main.js";
import { type Call, calls, holderOf, jsonText, knownId, type Sources } from "./contract-calls.js";
import { runFixture } from "./fixtures/run-fixture.js";
import { takeReports as reportsOn } from "./fixtures/take-reports.js";

// The command line's contract, property-tested in process on the differential fuzzer's generators:
// whatever arguments, files and standard input it is given, fc-context returns exit 0, 1 or 2 and
// never throws; results go to standard output and diagnostics to standard error, each one starting
// "fc-context" or "hint:"; no stack trace and no secret is printed; --json prints JSON; and its
// verdicts and contexts are the library's.
const RUNS = Number(process.env.FC_CONTEXT_CONTRACT_RUNS ?? 2000);
const SEED = 20261124;
const CANARY = "CANARY-3f0a9c1e-never-printed";
// any part of it, as a message that quotes the input around a fault would print a few characters;
// no hex part shorter than 6 digits: a fake's random request id ("1-...-3f0aeb...") may hold one
const CANARY_PART = /CANARY|3f0a9c|never-printed|NARY-|Y-3f0a|a9c1e-/;

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageDir, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-cli-contract-"));
const home = process.cwd();
const require = createRequire(import.meta.url);
const runtimes = manifestJson.runtimes.map((r) => r.id);

type Result = { ok: true } | { ok: false; issues: ValidationIssue[] };
interface Library {
  validate(value: unknown): Result;
  validateJson: ((value: unknown) => Result) | undefined;
  fromHeaders(value: unknown, options: { path: "default" | "concurrent" }): Json;
  toHeaders(context: unknown): Record<string, string>;
  toJsonView: ((context: unknown) => Json) | undefined;
  secretPaths: ReadonlyArray<readonly string[]>;
  runtime: string;
  FCHeaderError: new (...args: never[]) => Error & { header: string };
}

async function loadLibrary(id: string): Promise<Library> {
  const validators = await import(/* @vite-ignore */ `@fc-context/validators/${id}`);
  const wire = await import(/* @vite-ignore */ `@fc-context/wire/${id}`);
  const json = wire.toJsonView && (await import(/* @vite-ignore */ `@fc-context/validators/${id}/json`));
  return { ...wire, validate: validators.validateFCContext, validateJson: json?.validateFCContextJSON };
}
const library: Record<string, Library> = Object.fromEntries(
  await Promise.all(runtimes.map(async (id) => [id, await loadLibrary(id)] as const)),
);

/** What a fixture script prints, run on a runtime's own interpreter. */
function python(pythonVersion: string, script: string, args: readonly string[]): unknown {
  const interpreter = findPython(pythonVersion);
  if (interpreter === undefined) throw new Error(`no Python ${pythonVersion} under pyenv: ${script} needs it`);
  return runFixture(interpreter, script, args);
}

/** fc_context.probe's reports of the contexts each runtime's interpreter builds (no secret in them). */
function takeReports({ id, pythonVersion }: { id: string; pythonVersion: string }): Json[] {
  const interpreter = findPython(pythonVersion);
  if (interpreter === undefined) throw new Error(`no Python ${pythonVersion} under pyenv: the probe's reports need it`);
  return reportsOn(interpreter, id).map((r) => r.report);
}

/** The probe's reports of fake contexts with one odd value set on them (values that raise when read, and so on). */
const oddReports = ({ id, pythonVersion }: { id: string; pythonVersion: string }): Json[] =>
  python(pythonVersion, "odd_reports.py", [id, "60", String(SEED)]) as Json[];

let sources: Sources;
let odd: Json[] = [];
beforeAll(() => {
  odd = manifestJson.runtimes.flatMap(oddReports);
  sources = {
    runtimes: runtimes.map((id) => ({
      id,
      schema: require(`@fc-context/validators/${id}/schema.json`) as Record<string, unknown>,
      wire: library[id]!,
    })),
    reports: [...manifestJson.runtimes.flatMap(takeReports), ...odd],
    canary: CANARY,
  };
  // the commands run in the scratch folder: spec draft's default --spec is ./spec, a copy here
  cpSync(path.join(repoRoot, "spec"), path.join(scratch, "spec"), { recursive: true });
  for (const folder of ["empty", "cases", "drafts"]) mkdirSync(path.join(scratch, folder));
  process.chdir(scratch);
});
afterAll(() => {
  process.chdir(home);
  rmSync(scratch, { recursive: true, force: true });
});

// ---- running it ----

interface Run {
  readonly code: number;
  readonly out: string;
  /** Each diagnostic as written. */
  readonly errors: readonly string[];
}

async function run({ args, stdin, files }: Call): Promise<Run> {
  for (const [name, bytes] of Object.entries(files)) writeFileSync(name, bytes);
  const out: string[] = [];
  const errors: string[] = [];
  const io = {
    stdin: (async function* () {
      yield typeof stdin === "string" ? Buffer.from(stdin) : stdin;
    })(),
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => errors.push(text) },
    env: {},
  };
  const code = await main(args, io);
  return { code, out: out.join(""), errors };
}

/** The issues the library finds in a value of a form, or undefined when the runtime has no such form. */
function libraryIssues(lib: Library, form: string, value: unknown): readonly ValidationIssue[] | undefined {
  const issues = (result: Result) => (result.ok ? [] : result.issues);
  if (form === "attributes") return issues(lib.validate(value));
  if (form === "json") return lib.validateJson && issues(lib.validateJson(value));
  if (!isHeaders(value)) return [{ path: "", message: HEADERS_EXPECTED, keyword: "type" }];
  try {
    return issues(lib.validate(lib.fromHeaders(value, { path: "default" })));
  } catch (error) {
    return [headerIssue(lib, error)];
  }
}

const HEADERS_EXPECTED = "expected an object of header names to values, or [name, value] pairs";
const isHeaders = (value: unknown): boolean => value !== null && typeof value === "object";

function headerIssue(lib: Library, error: unknown): ValidationIssue {
  expect(error).toBeInstanceOf(lib.FCHeaderError);
  const { header, message } = error as Error & { header: string };
  return { path: header, message: message.slice(header.length + 2), keyword: "header" };
}

/** A context as the command line prints it: every secret that is set masked, then as JSON. */
function printed(lib: Library, context: Json): Json {
  const copy = structuredClone(context);
  for (const at of lib.secretPaths) {
    const parent = holderOf(copy, at);
    const last = at.at(-1)!;
    if (parent !== undefined && parent[last] != null && parent[last] !== "") parent[last] = "********";
  }
  return JSON.parse(JSON.stringify(copy)) as Json;
}

const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

describe("the fc-context command line's contract", () => {
  it("exits 0, 1 or 2 and prints results, diagnostics and JSON as its README says, never a secret", async () => {
    await fc.assert(
      fc.asyncProperty(calls(sources), async (call) => {
        const { args } = call;
        const { code, out, errors } = await run(call);
        expect([0, 1, 2]).toContain(code);
        for (const error of errors) expect(error).toMatch(/^(fc-context( [a-z-]+)?: |hint: |Usage: fc-context)/);
        const everything = out + errors.join("");
        expect(everything).not.toMatch(CANARY_PART);
        expect(everything).not.toMatch(STACK_FRAME);
        expect(everything).not.toMatch(/\[object \w+\]/);
        if (code === 2) expect(errors.length).toBeGreaterThan(0);
        else expect(out).not.toBe("");
        if (code !== 2 && args.includes("--json") && !out.startsWith("Usage:"))
          expect(() => JSON.parse(out)).not.toThrow();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it("validate and from-headers give the library's verdicts, issues and contexts", async () => {
    const forms = fc.constantFrom("attributes", "json", "headers");
    const paths = fc.constantFrom("default", "concurrent");
    await fc.assert(
      fc.asyncProperty(knownId, forms, paths, jsonText(sources, "context"), async (id, form, path, text) => {
        const lib = library[canonicalRuntime(id)!]!;
        const value = JSON.parse(text) as Json;
        const files = { "a.json": text };
        const checked = await run({
          args: ["validate", "a.json", "--runtime", id, "--form", form, "--json"],
          stdin: "",
          files,
        });
        const expected = libraryIssues(lib, form, value);
        if (expected === undefined) expect(checked.code).toBe(2);
        else {
          expect(checked.code).toBe(expected.length === 0 ? 0 : 1);
          expect(JSON.parse(checked.out)).toMatchObject({ valid: expected.length === 0, issues: expected });
        }
        const built = await run({
          args: ["from-headers", "a.json", "--runtime", id, "--path", path, "--json"],
          stdin: "",
          files,
        });
        const shown = JSON.parse(built.out) as { valid: boolean; context: Json; issues: ValidationIssue[] };
        if (!isHeaders(value)) {
          expect(shown).toMatchObject({
            valid: false,
            context: null,
            issues: [{ path: "", message: HEADERS_EXPECTED }],
          });
          return;
        }
        let context: Json;
        try {
          context = lib.fromHeaders(value, { path });
        } catch (error) {
          expect(shown).toMatchObject({ valid: false, context: null, issues: [headerIssue(lib, error)] });
          expect(built.code).toBe(1);
          return;
        }
        const result = lib.validate(context);
        expect(shown).toEqual({
          runtime: lib.runtime,
          path,
          valid: result.ok,
          context: printed(lib, context),
          issues: result.ok ? [] : result.issues,
        });
        expect(built.code).toBe(result.ok ? 0 : 1);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it("reads every report fc_context.probe writes, of contexts with odd values too", async () => {
    for (const report of odd) {
      const { code, out, errors } = await run({
        args: ["conformance", "-", "--json"],
        stdin: JSON.stringify(report),
        files: {},
      });
      expect(errors, JSON.stringify(report).slice(0, 2000)).toEqual([]);
      expect([0, 1]).toContain(code);
      expect(out).not.toContain("CANARY");
      expect(JSON.parse(out)).toMatchObject({ matches: code === 0 });
    }
    expect(odd.length).toBe(60 * runtimes.length);
  });
});
