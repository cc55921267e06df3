import { describe, expect, it } from "vitest";
import type { SpecFile } from "../load/load-spec.js";
import { describeFound, type SpecIssue } from "../spec-error.js";
import { RefResolver } from "./resolve-ref.js";

// How a $ref finds its target: by a path relative to the referring file, by a full $id, or in
// the same file; and what it says when it finds nothing.

const BASE = "https://fc-context.dev/schemas/1.0.0";
const file = (path: string, value: Record<string, unknown>): SpecFile => ({
  path,
  value,
  locate: (pointer) => ({ line: pointer.length, column: 2 }),
});

const root = file("spec/python3.schema.json", {
  $id: `${BASE}/python3.schema.json`,
  $defs: { Context: { title: "root" }, "a/b": { title: "slash" }, "a~b": { title: "tilde" }, $x: { title: "dollar" } },
});
const shared = file("spec/shared/fields.schema.json", {
  $id: `${BASE}/shared/fields.schema.json`,
  $defs: { region: { type: "string" } },
});
const anonymous = file("spec/shared/anonymous.schema.json", { $defs: { x: { type: "integer" } } });
const resolver = new RefResolver([root, shared, anonymous]);

const found = (from: SpecFile, ref: string): { file: string; pointer: string; node: unknown } => {
  const target = resolver.resolve(from, "/$defs/f/$ref", ref);
  if ("expected" in target) throw new Error(`${ref}: ${target.expected}`);
  return { file: target.file.path, pointer: target.pointer, node: target.node };
};

const refused = (from: SpecFile, ref: string): SpecIssue => {
  const target = resolver.resolve(from, "/$defs/f/$ref", ref);
  if (!("expected" in target)) throw new Error(`${ref} resolved to ${target.file.path}#${target.pointer}`);
  return target;
};

describe("a $ref", () => {
  it("follows a path relative to the referring file, up and down", () => {
    expect(found(root, "shared/fields.schema.json#/$defs/region")).toEqual({
      file: "spec/shared/fields.schema.json",
      pointer: "/$defs/region",
      node: { type: "string" },
    });
    expect(found(shared, "../python3.schema.json#/$defs/Context").node).toEqual({ title: "root" });
    expect(found(shared, "./anonymous.schema.json#/$defs/x").node).toEqual({ type: "integer" });
  });

  it("follows a full $id, with or without a scheme in capitals", () => {
    expect(found(root, `${BASE}/shared/fields.schema.json#/$defs/region`).file).toBe("spec/shared/fields.schema.json");
    expect(found(shared, `${BASE}/python3.schema.json#/$defs/Context`).node).toEqual({ title: "root" });
    expect(refused(shared, `HTTPS://fc-context.dev/x.json#/a`)).toMatchObject({
      expected: expect.stringMatching(/no file/),
    });
  });

  it("stays in its file when it is only a fragment, and means the whole file without one", () => {
    expect(found(root, "#/$defs/Context")).toMatchObject({ file: "spec/python3.schema.json", node: { title: "root" } });
    expect(found(root, "shared/fields.schema.json")).toEqual({
      file: "spec/shared/fields.schema.json",
      pointer: "",
      node: shared.value,
    });
    expect(found(root, "#")).toEqual({ file: "spec/python3.schema.json", pointer: "", node: root.value });
  });

  it("reads escapes in the pointer: percent-encoding, ~1 and ~0", () => {
    expect(found(root, "#/$defs/%24x").node).toEqual({ title: "dollar" });
    expect(found(root, "#/%24defs/a~1b").node).toEqual({ title: "slash" });
    expect(found(root, "#/$defs/a~0b").node).toEqual({ title: "tilde" });
  });

  it("names the file it cannot find, at the $ref and in the referring file", () => {
    for (const ref of [
      "nothere.schema.json#/a",
      `${BASE}/nothere.schema.json#/a`,
      "fields.schema.json#/$defs/region",
    ]) {
      const location = ref.slice(0, ref.indexOf("#"));
      expect(refused(root, ref)).toEqual({
        file: "spec/python3.schema.json",
        pointer: "/$defs/f/$ref",
        line: 13,
        column: 2,
        expected: `a $ref to an existing file under spec/ and a JSON pointer in it (no file ${location})`,
        found: describeFound(ref),
      });
    }
  });

  it("needs the part after # to start with /", () => {
    expect(refused(root, "#$defs/Context")).toMatchObject({
      expected: "a $ref to an existing file under spec/ and a JSON pointer in it (the part after # must start with /)",
    });
    expect(refused(root, "shared/fields.schema.json#region")).toMatchObject({
      expected: expect.stringContaining("(the part after # must start with /)"),
    });
  });

  it("names the file that has nothing at the pointer", () => {
    expect(refused(root, "shared/fields.schema.json#/$defs/nothing")).toMatchObject({
      file: "spec/python3.schema.json",
      expected:
        "a $ref to an existing file under spec/ and a JSON pointer in it " +
        "(spec/shared/fields.schema.json has nothing at #/$defs/nothing)",
    });
  });
});
