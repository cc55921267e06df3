import { describe, expect, it } from "vitest";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import { parseJson } from "../load/parse-json.js";
import { SpecError } from "../spec-error.js";
import { checkDraftGaps } from "./check-draft.js";

function file(path: string, value: unknown): SpecFile {
  const parsed = parseJson(JSON.stringify(value, null, 1));
  return { path, value: parsed.value, locate: parsed.locate };
}

function gaps(files: Record<string, unknown>, sources: unknown = {}): Array<[string, string, string]> {
  const tree: SpecTree = {
    dir: "spec",
    metaSchema: file("spec/meta.schema.json", {}),
    sources: file("spec/sources.json", sources),
    files: Object.entries(files).map(([path, value]) => file(path, value)),
  };
  try {
    checkDraftGaps(tree);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).issues.map((issue) => [issue.file, issue.pointer, issue.expected]);
  }
  return [];
}

describe("checkDraftGaps", () => {
  it("finds every value starting with DRAFT, in objects, arrays and the sources, with its instruction", () => {
    const long = `DRAFT: ${"x".repeat(130)}`;
    expect(
      gaps(
        {
          "spec/a.schema.json": { d: "DRAFT: what sets it apart. Drafted from a report.", s: ["RT", "DRAFT"] },
          "spec/b.schema.json": { n: { m: [{ t: "DRAFT a type (None was seen) here" }] }, l: long },
        },
        { K: { title: "DRAFT:   the title" } },
      ),
    ).toEqual([
      ["spec/a.schema.json", "/d", "this draft gap filled in (what sets it apart.)"],
      ["spec/a.schema.json", "/s/1", "this draft gap filled in (a source key registered in spec/sources.json)"],
      ["spec/b.schema.json", "/n/m/0/t", "this draft gap filled in (a type (None was seen))"],
      ["spec/b.schema.json", "/l", `this draft gap filled in (${"x".repeat(117)}...)`],
      ["spec/sources.json", "/K/title", "this draft gap filled in (the title)"],
    ]);
  });

  it("keeps an instruction of exactly 120 characters whole, and ends it at a closing parenthesis", () => {
    const exact = "y".repeat(120);
    expect(gaps({ "spec/a.schema.json": { a: `DRAFT: ${exact}`, b: "DRAFT: (ask) then more" } })).toEqual([
      ["spec/a.schema.json", "/a", `this draft gap filled in (${exact})`],
      ["spec/a.schema.json", "/b", "this draft gap filled in ((ask))"],
    ]);
  });

  it("leaves finished values alone: draft in lower case, DRAFT inside a text, numbers and null", () => {
    expect(gaps({ "spec/a.schema.json": { a: "draft: no", b: "A DRAFT", c: 1, d: null, e: [true] } })).toEqual([]);
  });
});
