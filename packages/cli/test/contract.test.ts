import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalRuntime, runtimeIds } from "@fc-context/types";
import type { ValidationIssue } from "@fc-context/validators";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headerSets, type Json, nearValid, validValue } from "../../../tools/fuzz/src/arbitraries.js";
import { findPython } from "../../python/tools/find-python.mjs";
import manifestJson from "../gen/runtimes.json" with { type: "json" };
import { main } from "../src/main.js";

// The command line's contract, property-tested in process on the differential fuzzer's generators:
// whatever arguments, files and standard input it is given, fc-context returns exit 0, 1 or 2 and
// never throws; results go to standard output and diagnostics to standard error, each one starting
// "fc-context" or "hint:"; no stack trace and no secret is printed; --json prints JSON; and its
// verdicts and contexts are the library's.
const RUNS = Number(process.env.FC_CONTEXT_CONTRACT_RUNS ?? 2000);
const SEED = 20261124;
const CANARY = "CANARY-3f0a9c1e-never-printed";

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
  const out = execFileSync(interpreter, [path.join(packageDir, "test/fixtures", script), ...args], {
    env: { ...process.env, PYTHONPATH: path.join(repoRoot, "packages/python/src"), PYTHONDONTWRITEBYTECODE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out.toString("utf8"));
}

/** fc_context.probe's reports of the contexts each runtime's interpreter builds (no secret in them). */
function takeReports({ id, pythonVersion }: { id: string; pythonVersion: string }): Json[] {
  const taken = python(pythonVersion, "take_reports.py", [id, path.join(repoRoot, "spec/conformance")]);
  return (taken as Array<{ report: Json }>).map((r) => r.report);
}

/** The probe's reports of fake contexts with one odd value set on them (values that raise when read, and so on). */
const oddReports = ({ id, pythonVersion }: { id: string; pythonVersion: string }): Json[] =>
  python(pythonVersion, "odd_reports.py", [id, "60", String(SEED)]) as Json[];

let reports: Json[] = [];
let odd: Json[] = [];
beforeAll(() => {
  odd = manifestJson.runtimes.flatMap(oddReports);
  reports = [...manifestJson.runtimes.flatMap(takeReports), ...odd];
  // the commands run in the scratch folder: spec draft's default --spec is ./spec, a copy here
  cpSync(path.join(repoRoot, "spec"), path.join(scratch, "spec"), { recursive: true });
  for (const folder of ["empty", "cases", "drafts"]) mkdirSync(path.join(scratch, folder));
  process.chdir(scratch);
}, 120_000);
afterAll(() => {
  process.chdir(home);
  rmSync(scratch, { recursive: true, force: true });
});

// ---- what goes in ----

/** A runtime's valid contexts with the canary as every secret, so that a printed secret shows. */
function contexts(id: string): fc.Arbitrary<Json> {
  const schema = require(`@fc-context/validators/${id}/schema.json`) as Record<string, unknown>;
  return validValue(schema).map((context) => {
    for (const at of library[id]!.secretPaths) {
      const parent = at.slice(0, -1).reduce<Json | undefined>((node, key) => child(node, key), context);
      if (isRecord(parent) && typeof parent[at.at(-1)!] === "string") parent[at.at(-1)!] = CANARY;
    }
    return context;
  });
}

const isRecord = (value: Json | undefined): value is Record<string, Json> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const child = (value: Json | undefined, key: string): Json | undefined => (isRecord(value) ? value[key] : undefined);

/** Any form of a runtime's context: attribute view, to_json() view, header lines; valid or a little off. */
function forms(id: string): fc.Arbitrary<Json> {
  const { secretPaths, toHeaders, toJsonView } = library[id]!;
  const valid = contexts(id);
  const pairs = headerSets(valid.map(toHeaders));
  const views =
    toJsonView === undefined
      ? []
      : [
          valid.map((c) => toJsonView(c)),
          nearValid(
            valid.map((c) => toJsonView(c)),
            [],
          ),
        ];
  return fc.oneof(
    valid,
    nearValid(valid, secretPaths),
    ...views,
    pairs as fc.Arbitrary<Json>,
    pairs.map((p) => Object.fromEntries(p) as Json),
  );
}

/** The JSON text of any form of a context, a probe report, or any JSON value; mostly what `kind` names. */
function jsonText(kind: "context" | "report"): fc.Arbitrary<string> {
  const context = fc.oneof(...runtimes.map(forms));
  const report = fc.oneof(fc.constantFrom(...reports), nearValid(fc.constantFrom(...reports), []));
  const value = fc.oneof(
    { arbitrary: kind === "context" ? context : report, weight: 6 },
    { arbitrary: kind === "context" ? report : context, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
  );
  return fc.tuple(value, fc.constantFrom(0, 2)).map(([v, indent]) => JSON.stringify(v, null, indent));
}

/** What a file or standard input holds: mostly JSON, sometimes text that is not, or bytes that are not UTF-8. */
function content(kind: "context" | "report"): fc.Arbitrary<string | Uint8Array> {
  const notJson = fc.oneof(
    fc.constantFrom("", " \n", "{", "[1,", "\ufeff{}", '{"a":1}}', "nul", "NaN", "'x'", '{\n  "a": \n}'),
    fc.string({ unit: "binary", maxLength: 40 }),
  );
  return fc.oneof(
    { arbitrary: jsonText(kind), weight: 8 },
    { arbitrary: notJson, weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 40 }), weight: 1 },
  );
}

const knownId = fc.constantFrom(...runtimeIds);
const runtimeId = fc.oneof(
  { arbitrary: knownId, weight: 6 },
  { arbitrary: fc.constantFrom("python3.13", "python3.7", "python2.7", "PYTHON3.9", "", "python3.9 "), weight: 1 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
// never starting with "-", so that no stray token can be an option that writes (--out=, --case=)
const word = fc.oneof(
  fc.constantFrom("toString", "__proto__", "constructor", "hasOwnProperty"),
  fc.string({ maxLength: 8 }).filter((text) => !text.startsWith("-")),
);
const stray = fc.oneof(fc.constantFrom("--nope", "-x", "--json=1", "--runtime=", "--", "-", "--help", "-h"), word);
const input = fc.constantFrom("-", "a.json", "b.json");
const file = fc.oneof({ arbitrary: input, weight: 4 }, fc.constantFrom("missing.json", "empty"), word);

const pair = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<readonly string[]> =>
  value.map((v) => [name, v]);
const maybe = (tokens: fc.Arbitrary<readonly string[]>): fc.Arbitrary<readonly string[]> =>
  fc.oneof(tokens, fc.constant([]));
/** An option and its value, sometimes joined by "=", sometimes absent. */
const option = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<readonly string[]> =>
  fc.oneof(
    { arbitrary: pair(name, value), weight: 4 },
    { arbitrary: value.map((v) => [`${name}=${v}`]), weight: 1 },
    { arbitrary: fc.constant([]), weight: 1 },
  );
const flag = (name: string): fc.Arbitrary<readonly string[]> => fc.constantFrom([name], []);
const several = (tokens: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<readonly string[]> =>
  fc.array(tokens, { minLength: min, maxLength: max });

/** A command's groups of tokens in any order, after its name (and subcommand). */
function command(
  name: string | string[],
  ...groups: fc.Arbitrary<readonly string[]>[]
): fc.Arbitrary<readonly string[]> {
  return fc
    .tuple(fc.tuple(...groups), fc.array(fc.nat(), { minLength: groups.length, maxLength: groups.length }))
    .map(([parts, keys]) => {
      const ordered = parts.map((part, i) => ({ part, key: keys[i]! })).sort((x, y) => x.key - y.key);
      return [name, ...ordered.flatMap(({ part }) => part)].flat();
    });
}

/** A call as its README shows it, with its options in any order. */
const wellFormed: Record<string, fc.Arbitrary<readonly string[]>> = {
  validate: command(
    "validate",
    several(input, 1, 3),
    pair("--runtime", knownId),
    maybe(pair("--form", fc.constantFrom("attributes", "json", "headers"))),
    flag("--json"),
  ),
  fake: command("fake", pair("--runtime", knownId)),
  diff: command("diff", several(knownId, 2, 2), flag("--json")),
  "from-headers": command(
    "from-headers",
    several(input, 1, 1),
    pair("--runtime", knownId),
    maybe(pair("--path", fc.constantFrom("default", "concurrent"))),
    flag("--json"),
  ),
  conformance: command(
    "conformance",
    several(input, 1, 1),
    maybe(pair("--runtime", knownId)),
    flag("--json"),
    maybe(pair("--case", fc.constantFrom("case.json", "cases/case.json"))),
  ),
  spec: command(
    ["spec", "draft"],
    several(input, 1, 1),
    // mostly a runtime the spec lacks: the reports are of runtimes it has
    pair("--runtime", fc.constantFrom("python3.13", "python3.11", "python3.13", "python3.14", "python3")),
    maybe(pair("--spec", fc.constant("spec"))),
    maybe(pair("--out", fc.constantFrom("draft.json", "drafts/python3.13.schema.json"))),
    flag("--force"),
  ),
};

/** Any call: a command, its tokens in any number, odd values and options, and a stray token. */
const messy: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.constantFrom([], ["--help"], ["-h"], ["--version"], ["-v"]),
  word.map((w) => [w]),
  command(
    "validate",
    several(file, 0, 3),
    option("--runtime", runtimeId),
    option("--form", fc.oneof(fc.constantFrom("attributes", "json", "headers"), word)),
    flag("--json"),
    several(stray, 0, 1),
  ),
  command("fake", option("--runtime", runtimeId), several(stray, 0, 1)),
  command("diff", several(runtimeId, 0, 3), flag("--json"), several(stray, 0, 1)),
  command(
    "from-headers",
    several(file, 0, 2),
    option("--runtime", runtimeId),
    option("--path", fc.oneof(fc.constantFrom("default", "concurrent"), word)),
    flag("--json"),
    several(stray, 0, 1),
  ),
  command(
    "conformance",
    several(file, 0, 2),
    option("--runtime", runtimeId),
    flag("--json"),
    option("--case", fc.constantFrom("case.json", "empty", "missing-dir/case.json")),
    several(stray, 0, 1),
  ),
  command(
    "spec",
    fc.oneof(fc.constant(["draft"]), several(word, 0, 1)),
    several(file, 0, 2),
    option("--runtime", runtimeId),
    option("--spec", fc.constantFrom("spec", "empty", "missing-dir")),
    option("--out", fc.constantFrom("draft.json", "empty", "missing-dir/draft.json")),
    flag("--force"),
    several(stray, 0, 1),
  ),
);

interface Call {
  readonly args: readonly string[];
  readonly stdin: string | Uint8Array;
  readonly files: Record<string, string | Uint8Array>;
}

/** A call and what its files and standard input hold: reports for the commands that read them. */
function calls(): fc.Arbitrary<Call> {
  const contents = { context: content("context"), report: content("report") };
  const withInput = (args: fc.Arbitrary<readonly string[]>) =>
    args.chain((tokens) => {
      const kind = contents[tokens[0] === "conformance" || tokens[0] === "spec" ? "report" : "context"];
      return fc
        .tuple(kind, kind, kind)
        .map(([stdin, a, b]) => ({ args: tokens, stdin, files: { "a.json": a, "b.json": b } }));
    });
  return fc.oneof(
    { arbitrary: withInput(fc.oneof(...Object.values(wellFormed))), weight: 3 },
    { arbitrary: withInput(messy), weight: 1 },
  );
}

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
    const parent = at.slice(0, -1).reduce<Json | undefined>((node, key) => child(node, key), copy);
    const last = at.at(-1)!;
    if (isRecord(parent) && parent[last] != null && parent[last] !== "") parent[last] = "********";
  }
  return JSON.parse(JSON.stringify(copy)) as Json;
}

const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

describe("the fc-context command line's contract", () => {
  it("exits 0, 1 or 2 and prints results, diagnostics and JSON as its README says, never a secret", async () => {
    await fc.assert(
      fc.asyncProperty(calls(), async (call) => {
        const { args } = call;
        const { code, out, errors } = await run(call);
        expect([0, 1, 2]).toContain(code);
        for (const error of errors) expect(error).toMatch(/^(fc-context( [a-z-]+)?: |hint: |Usage: fc-context)/);
        const printed = out + errors.join("");
        expect(printed).not.toContain(CANARY);
        expect(printed).not.toMatch(STACK_FRAME);
        expect(printed).not.toMatch(/\[object \w+\]/);
        if (code === 2) expect(errors.length).toBeGreaterThan(0);
        else expect(out).not.toBe("");
        if (code !== 2 && args.includes("--json") && !out.startsWith("Usage:"))
          expect(() => JSON.parse(out)).not.toThrow();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it("validate and from-headers give the library's verdicts, issues and contexts", async () => {
    const form = fc.constantFrom("attributes", "json", "headers");
    const path = fc.constantFrom("default", "concurrent");
    await fc.assert(
      fc.asyncProperty(knownId, form, path, jsonText("context"), async (id, form, path, text) => {
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
