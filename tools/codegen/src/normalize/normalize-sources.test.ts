import { describe, expect, it } from "vitest";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import type { SpecIssue } from "../spec-error.js";
import { normalizeSources } from "./normalize-sources.js";

// The registry of sources and the citations that tie it to the spec, on small trees built here:
// each test shows one thing the registry accepts or refuses, and where the refusal points.

const file = (path: string, value: unknown): SpecFile => ({ path, value, locate: () => ({ line: 1, column: 1 }) });

const source = (key: unknown, extra: Record<string, unknown> = {}) => ({
  key,
  title: `Title of ${String(key)}`,
  urls: ["https://example.com/doc"],
  shows: "What it shows.",
  ...extra,
});

function run(registry: unknown, ...schemas: unknown[]): { sources: unknown; issues: SpecIssue[] } {
  const tree: SpecTree = {
    dir: "spec",
    metaSchema: file("spec/meta.schema.json", {}),
    sources: file("spec/sources.json", registry),
    files: schemas.map((value, index) => file(`spec/s${index}.schema.json`, value)),
  };
  const issues: SpecIssue[] = [];
  const sources = normalizeSources(tree, issues);
  return { sources, issues };
}

const where = (issues: readonly SpecIssue[]) => issues.map((issue) => `${issue.file}#${issue.pointer}`);

describe("the registry of sources", () => {
  it("reads each source into the model, in the registry's order", () => {
    const { sources, issues } = run({ sources: [source("B2"), source("A")] }, { "x-source": ["A", "B2"] });
    expect(issues).toEqual([]);
    expect(sources).toEqual([
      { key: "B2", title: "Title of B2", urls: ["https://example.com/doc"], shows: "What it shows." },
      { key: "A", title: "Title of A", urls: ["https://example.com/doc"], shows: "What it shows." },
    ]);
  });

  it("refuses a registry that is not a list, and gives no sources", () => {
    for (const registry of [{}, { sources: {} }, null]) {
      const { sources, issues } = run(registry);
      expect(sources).toEqual([]);
      expect(issues).toEqual([
        {
          file: "spec/sources.json",
          pointer: "/sources",
          line: 1,
          column: 1,
          expected: "a list of sources, each { key, title, urls, shows }",
        },
      ]);
    }
  });

  it("refuses an entry that is not an object, showing what it found, and reads on", () => {
    const { sources, issues } = run({ sources: [null, "A", source("A")] }, { "x-source": ["A"] });
    expect(issues.map((issue) => [issue.pointer, issue.found])).toEqual([
      ["/sources/0", "null"],
      ["/sources/1", '"A"'],
    ]);
    expect(sources).toHaveLength(1);
  });

  it("takes keys of capital letters and digits (hyphens between groups) that start with a letter, and no other", () => {
    const good = ["A", "Z9", "DOC3N", "AB12C", "A-B", "RUN-PY", "TPL-S2"];
    const bad = ["a", "3A", "A-", "-A", "A--B", "AB ", " AB", "AbC", "", "A_1", 5, null];
    const { issues } = run({ sources: [...good, ...bad].map((key) => source(key)) }, { "x-source": good.map(String) });
    expect(where(issues)).toEqual(bad.map((_, index) => `spec/sources.json#/sources/${good.length + index}/key`));
    expect(new Set(issues.map((issue) => issue.expected))).toEqual(
      new Set(["a key of capital letters and digits (groups joined by hyphens), starting with a letter"]),
    );
  });

  it("takes https URLs with a host and a dot, and no other", () => {
    const good = ["https://a.b", "https://example.com/x?y#z", "https://github.com/o/r/tree/abc"];
    const bad = [
      "http://a.b",
      "https://ab",
      "https:///a.b",
      "https://a .b",
      "https://a.b c",
      "ftp://a.b",
      " https://a.b",
      7,
    ];
    const { issues } = run({ sources: [source("A", { urls: [...good, ...bad] })] }, { "x-source": ["A"] });
    expect(issues.map((issue) => issue.pointer)).toEqual(
      bad.map((_, index) => `/sources/0/urls/${good.length + index}`),
    );
    expect(issues.map((issue) => issue.found)).toEqual(bad.map((url) => JSON.stringify(url)));
  });

  it("needs a title, a sentence on what it shows and at least one URL, each reported without a found value", () => {
    const { sources, issues } = run(
      {
        sources: [
          source("A", { title: "" }),
          source("B", { shows: 5 }),
          source("C", { urls: [] }),
          source("D", { urls: "https://a.b" }),
          source("E", { note: "x" }),
        ],
      },
      { "x-source": ["A", "B", "E"] },
    );
    // a source with no URL to link to stays out of the model (and so may go uncited)
    expect((sources as Array<{ key: string }>).map((entry) => entry.key)).toEqual(["A", "B", "E"]);
    expect(issues.map(({ pointer, expected, found }) => ({ pointer, expected, found }))).toEqual([
      { pointer: "/sources/0/title", expected: "a non-empty title", found: undefined },
      { pointer: "/sources/1/shows", expected: "a non-empty sentence on what the source shows", found: undefined },
      {
        pointer: "/sources/2/urls",
        expected: "at least one https URL where a reader finds the source",
        found: undefined,
      },
      {
        pointer: "/sources/3/urls",
        expected: "at least one https URL where a reader finds the source",
        found: undefined,
      },
      {
        pointer: "/sources/4/note",
        expected: 'no property "note" (allowed: key, title, urls, shows)',
        found: undefined,
      },
    ]);
  });

  it("refuses a key used twice", () => {
    const { issues } = run({ sources: [source("A"), source("A")] }, { "x-source": ["A"] });
    expect(issues.map(({ pointer, expected, found }) => ({ pointer, expected, found }))).toEqual([
      { pointer: "/sources/1/key", expected: "a key used by one source only", found: '"A"' },
    ]);
  });
});

describe("the citations of the registry", () => {
  const registry = { sources: ["A", "B", "C", "D"].map((key) => source(key)) };

  it("finds x-source keys, vendor-doc sources and evidence at any depth, and refuses unknown ones there", () => {
    const schema = {
      "x-source": ["A", "X1"],
      $defs: {
        deep: [
          { properties: { f: { "x-source": ["B", 5, "X2"] } } },
          {
            "x-vendor-doc": [
              { claim: "c", source: "C", evidence: ["D", "X3", null] },
              { claim: "c", source: "X4" },
              null,
              { source: 7, evidence: "A" },
            ],
          },
        ],
      },
    };
    const { issues } = run(registry, schema);
    expect(issues.map(({ file, pointer, found }) => ({ file, pointer, found }))).toEqual([
      { file: "spec/s0.schema.json", pointer: "/x-source/1", found: '"X1"' },
      { file: "spec/s0.schema.json", pointer: "/$defs/deep/0/properties/f/x-source/2", found: '"X2"' },
      { file: "spec/s0.schema.json", pointer: "/$defs/deep/1/x-vendor-doc/0/evidence/1", found: '"X3"' },
      { file: "spec/s0.schema.json", pointer: "/$defs/deep/1/x-vendor-doc/1/source", found: '"X4"' },
    ]);
    expect(issues[0]!.expected).toBe("a key of the Sources table in spec/sources.json (one of A, B, C, D)");
  });

  it("counts a key cited in any file, in vendor-doc evidence or source alike, as cited", () => {
    const { issues } = run(
      registry,
      { "x-source": ["A"] },
      { "x-vendor-doc": [{ source: "B", evidence: ["C"] }] },
      { x: [[{ "x-source": ["D"] }]] },
    );
    expect(issues).toEqual([]);
  });

  it("refuses a registered source nobody cites, at its key", () => {
    const { issues } = run(registry, { "x-source": ["A", "C"], "x-vendor-doc": [{ source: "D" }] });
    expect(issues.map(({ file, pointer, expected, found }) => ({ file, pointer, expected, found }))).toEqual([
      {
        file: "spec/sources.json",
        pointer: "/sources/1/key",
        expected: "a source the spec cites (no x-source names B; cite it or remove it)",
        found: '"B"',
      },
    ]);
  });

  it("does not read keys out of other arrays or out of x-source and x-vendor-doc that are not lists", () => {
    const { issues } = run(
      { sources: [source("A")] },
      { "x-source": ["A"], enum: ["X"], other: { "x-source": "X", "x-vendor-doc": { source: "X" } } },
    );
    expect(issues).toEqual([]);
  });
});
