import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../generate.js";
import { SpecError } from "../spec-error.js";
import { realSpecVersion, repoRoot, snapshotTree } from "../testing/spec-fixture.js";
import { patchedSpecRoot, type SpecPatch } from "../testing/spec-patch.js";

// The faults a maintainer's edit can bring, from the first byte to the last rule: each a small
// patch on the real spec/, refused by the whole generator with the file, the line and column, the
// JSON pointer and what was expected, and nothing written. The rules normalize states have their
// own table (normalize/spec-rules.test.ts); this one walks the stages from the loader on.

interface BadSpec {
  readonly name: string;
  readonly patch: readonly SpecPatch[];
  readonly file: string;
  readonly pointer: string;
  readonly expected: string;
}

const RUNTIME = "python3.9.schema.json";
const FIELDS = "shared/fields.schema.json";
const CLASSIC = "shared/classic.schema.json";
const CONTEXT = "/$defs/FCContext";

const CORPUS: readonly BadSpec[] = [
  {
    name: "invalid-json",
    patch: [{ op: "text", file: RUNTIME, find: `"aliases": [],`, replace: `"aliases": []` }],
    file: RUNTIME,
    pointer: "/x-runtime/aliases",
    expected: "valid JSON: ',' or '}' after a property value",
  },
  {
    name: "duplicate-json-key",
    patch: [
      {
        op: "text",
        file: RUNTIME,
        find: `"title": "FCContext",`,
        replace: `"title": "FCContext",\n  "title": "Again",`,
      },
    ],
    file: RUNTIME,
    pointer: "/title",
    expected: "each property name once per object",
  },
  {
    name: "id-not-versioned",
    patch: [
      {
        op: "replace",
        file: RUNTIME,
        path: "/$id",
        value: "https://fc-context.dev/schemas/9.9.9/python3.9.schema.json",
      },
    ],
    file: RUNTIME,
    pointer: "/$id",
    expected: `the $id https://fc-context.dev/schemas/${realSpecVersion}/python3.9.schema.json`,
  },
  {
    name: "draft-gap",
    patch: [
      { op: "replace", file: RUNTIME, path: "/x-runtime/description", value: "DRAFT: what sets python3.9 apart." },
    ],
    file: RUNTIME,
    pointer: "/x-runtime/description",
    expected: "this draft gap filled in (what sets python3.9 apart.)",
  },
  {
    name: "unknown-keyword",
    patch: [{ op: "add", file: FIELDS, path: "/$defs/request_id/x-hedaer", value: "x-fc-request-id" }],
    file: FIELDS,
    pointer: "/$defs/request_id/x-hedaer",
    expected: 'no property "x-hedaer" here',
  },
  {
    name: "unknown-type",
    patch: [{ op: "replace", file: FIELDS, path: "/$defs/request_id/type", value: "strng" }],
    file: FIELDS,
    pointer: "/$defs/request_id/type",
    expected: "a JSON type name",
  },
  {
    name: "missing-description",
    patch: [{ op: "remove", file: FIELDS, path: "/$defs/request_id/description" }],
    file: FIELDS,
    pointer: "/$defs/request_id",
    expected: 'the property "description"',
  },
  {
    name: "additional-properties-allowed",
    patch: [{ op: "replace", file: CLASSIC, path: `${CONTEXT}/additionalProperties`, value: true }],
    file: CLASSIC,
    pointer: `${CONTEXT}/additionalProperties`,
    expected: "the value false",
  },
  {
    name: "non-identifier-property",
    patch: [
      {
        op: "add",
        file: CLASSIC,
        path: `${CONTEXT}/properties/request-id`,
        value: { type: "string", description: "The request id.", "x-source": ["RT"] },
      },
    ],
    file: CLASSIC,
    pointer: `${CONTEXT}/properties/request-id`,
    expected: "a property name that is a Python identifier that is not a keyword",
  },
  {
    name: "unknown-source-key",
    patch: [{ op: "replace", file: CLASSIC, path: `${CONTEXT}/x-source/0`, value: "RUNTIME" }],
    file: CLASSIC,
    pointer: `${CONTEXT}/x-source/0`,
    expected: "a key of the Sources table",
  },
  {
    name: "unresolved-ref",
    patch: [
      { op: "replace", file: CLASSIC, path: `${CONTEXT}/properties/function/$ref`, value: "#/$defs/FunctionMetaa" },
    ],
    file: CLASSIC,
    pointer: `${CONTEXT}/properties/function/$ref`,
    expected: "a $ref to an existing file under spec/ and a JSON pointer in it",
  },
  {
    name: "unresolved-ref-file",
    patch: [
      {
        op: "replace",
        file: CLASSIC,
        path: `${CONTEXT}/properties/request_id/$ref`,
        value: "fieldz.schema.json#/$defs/request_id",
      },
    ],
    file: CLASSIC,
    pointer: `${CONTEXT}/properties/request_id/$ref`,
    expected: "(no file fieldz.schema.json)",
  },
  {
    name: "nullable-without-null-when",
    patch: [{ op: "replace", file: FIELDS, path: "/$defs/request_id/type", value: ["string", "null"] }],
    // a shared field's fault is reported where a runtime's class uses it
    file: CLASSIC,
    pointer: `${CONTEXT}/properties/request_id`,
    expected: 'an "x-null-when"',
  },
  {
    name: "unknown-python-type",
    patch: [{ op: "replace", file: FIELDS, path: "/$defs/logger/x-python-type", value: "Optional[logging.Loggr]" }],
    file: CLASSIC,
    pointer: `${CONTEXT}/x-python-attributes/logger/x-python-type`,
    expected: "a known Python type",
  },
  {
    name: "keyword-property",
    patch: [
      {
        op: "add",
        file: CLASSIC,
        path: "/$defs/FunctionMeta/properties/class",
        value: { type: "string", description: "A class.", "x-source": ["RT"] },
      },
    ],
    file: CLASSIC,
    pointer: "/$defs/FunctionMeta/properties/class",
    expected: "a Python identifier that is not a keyword",
  },
  {
    name: "attribute-not-required",
    patch: [{ op: "remove", file: CLASSIC, path: `${CONTEXT}/required/2` }],
    file: CLASSIC,
    pointer: `${CONTEXT}/required`,
    expected: 'every attribute of FCContext listed in "required"',
  },
  {
    name: "attribute-filled-by-nothing",
    patch: [{ op: "remove", file: CLASSIC, path: `${CONTEXT}/x-constructor/3` }],
    file: CLASSIC,
    pointer: `${CONTEXT}/x-constructor`,
    expected: 'a constructor parameter that fills "function"',
  },
  {
    name: "constructor-fills-nothing",
    patch: [{ op: "replace", file: CLASSIC, path: `${CONTEXT}/x-constructor/1/fills`, value: "requestid" }],
    file: CLASSIC,
    pointer: `${CONTEXT}/x-constructor/1/fills`,
    expected: "the name of an attribute of FCContext",
  },
  {
    name: "default-before-required-param",
    patch: [{ op: "add", file: CLASSIC, path: `${CONTEXT}/x-constructor/1/default`, value: "x" }],
    file: CLASSIC,
    pointer: `${CONTEXT}/x-constructor/2`,
    expected: 'a default for "credentials"',
  },
  {
    name: "duplicate-class-name",
    patch: [{ op: "replace", file: CLASSIC, path: "/$defs/Tracing/x-python-class", value: "Credentials" }],
    file: CLASSIC,
    pointer: "/$defs/Tracing/x-python-class",
    expected: "a class name used once in runtime python3",
  },
];

// Spawning the command costs most of a second, so the process-level check runs on the faults
// the foundation issue names; the in-process table covers them all.
const SPAWNED = new Set([
  "invalid-json",
  "unknown-type",
  "missing-description",
  "unresolved-ref",
  "non-identifier-property",
  "constructor-fills-nothing",
  "duplicate-class-name",
]);

const run = promisify(execFile);
const cli = path.join(repoRoot, "tools/codegen/src/cli.ts");
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");

describe("the bad-spec corpus", () => {
  it("has a name for each case, once, and spawns only cases it has", () => {
    const names = CORPUS.map((bad) => bad.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining([...SPAWNED]));
  });

  it.each(CORPUS.map((bad) => [bad.name, bad] as const))(
    "%s: names the file, the line, the pointer and what was expected, and writes nothing",
    async (_name, bad) => {
      const root = await patchedSpecRoot(bad.patch);
      const before = await snapshotTree(root);
      const error = await generate({ root }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(await snapshotTree(root)).toEqual(before);
      expect(error).toBeInstanceOf(SpecError);
      const issues = (error as SpecError).issues;
      const match = issues.find((issue) => issue.file === `spec/${bad.file}` && issue.pointer === bad.pointer);
      expect(match, `issues were:\n${(error as SpecError).message}`).toBeDefined();
      expect(match!.expected).toContain(bad.expected);
      expect(match!.line).toBeGreaterThan(0);
    },
  );
});

describe("the generate command on a bad spec", () => {
  it.each(CORPUS.filter((bad) => SPAWNED.has(bad.name)).map((bad) => [bad.name, bad] as const))(
    "%s: exits 1, prints file:line:column and pointer, writes nothing",
    async (_name, bad) => {
      const root = await patchedSpecRoot(bad.patch);
      const before = await snapshotTree(root);
      const result = await run(tsx, [cli, "--root", root]).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      const at = `spec/${escapeRegExp(bad.file)}:\\d+:\\d+ at #${escapeRegExp(bad.pointer)}: expected `;
      expect(result.stderr).toMatch(new RegExp(at));
      expect(result.stderr).toContain("nothing was written");
      expect(await snapshotTree(root)).toEqual(before);
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
