import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel } from "@fc-context/codegen";
import { describe, expect, it } from "vitest";
import { type Change, diffModels, maxBump } from "./spec-diff.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const base = await buildModel(root, "spec");

// biome-ignore lint/suspicious/noExplicitAny: the model is read-only by type; the table edits a deep copy
type Mutable = any;
const runtime = (model: Mutable, id: string) => model.runtimes.find((r: Mutable) => r.id === id);
const cls = (model: Mutable, id: string, name: string) =>
  runtime(model, id).classes.find((c: Mutable) => c.name === name);
const field = (model: Mutable, id: string, className: string, name: string) =>
  cls(model, id, className).fields.find((f: Mutable) => f.name === name);

const table: Array<{ name: string; edit: (m: Mutable) => void; expect: Array<Partial<Change>>; bump: string }> = [
  { name: "no change", edit: () => {}, expect: [], bump: "none" },
  {
    name: "a field removed breaks readers and writers",
    edit: (m) => {
      const context = cls(m, "python3.12", "FCContext");
      context.fields = context.fields.filter((f: Mutable) => f.name !== "log_store");
      context.constructorParams = context.constructorParams.filter((p: Mutable) => p.name !== "log_store");
    },
    expect: [
      {
        runtime: "python3.12",
        path: "log_store",
        kind: "field removed",
        readers: "breaks",
        writers: "breaks",
        bump: "major",
      },
      {
        runtime: "python3.12",
        path: "FCContext",
        kind: "constructor changed",
        readers: "unaffected",
        writers: "breaks",
        bump: "major",
      },
    ],
    bump: "major",
  },
  {
    name: "a required field added breaks writers only",
    edit: (m) =>
      cls(m, "python3.12", "FCContext").fields.push({
        ...field(m, "python3.12", "FCContext", "region"),
        name: "zone",
        header: "x-fc-zone",
      }),
    expect: [{ path: "zone", kind: "field added", readers: "gains", writers: "breaks", bump: "major" }],
    bump: "major",
  },
  {
    name: "a Python-only attribute added is minor",
    edit: (m) =>
      cls(m, "python3.12", "FCContext").fields.push({
        ...field(m, "python3.12", "FCContext", "logger"),
        name: "tracer",
      }),
    expect: [{ path: "tracer", kind: "field added", readers: "gains", writers: "unaffected", bump: "minor" }],
    bump: "minor",
  },
  {
    name: "made nullable breaks readers",
    edit: (m) => (field(m, "python3.12", "FunctionMeta", "memory").nullable = true),
    expect: [
      { path: "function.memory", kind: "made nullable", readers: "breaks", writers: "unaffected", bump: "major" },
    ],
    bump: "major",
  },
  {
    name: "made non-nullable breaks writers",
    edit: (m) => (field(m, "python3.12", "FunctionMeta", "qualifier").nullable = false),
    expect: [
      {
        path: "function.qualifier",
        kind: "made non-nullable",
        readers: "unaffected",
        writers: "breaks",
        bump: "major",
      },
    ],
    bump: "major",
  },
  {
    name: "a type widened breaks readers",
    edit: (m) =>
      (field(m, "python3.12", "FunctionMeta", "memory").json = {
        ...field(m, "python3.12", "FunctionMeta", "memory").json,
        kinds: ["integer", "string"],
      }),
    expect: [
      { path: "function.memory", kind: "type widened", readers: "breaks", writers: "unaffected", bump: "major" },
    ],
    bump: "major",
  },
  {
    name: "a type narrowed breaks writers",
    edit: (m) =>
      (field(m, "python3.9", "Tracing", "span_baggages").json = {
        ...field(m, "python3.9", "Tracing", "span_baggages").json,
        kinds: ["object"],
      }),
    expect: [
      {
        runtime: "python3.9",
        path: "tracing.span_baggages",
        kind: "type narrowed",
        readers: "unaffected",
        writers: "breaks",
        bump: "major",
      },
    ],
    bump: "major",
  },
  {
    name: "a tighter constraint breaks writers",
    edit: (m) =>
      (field(m, "python3.12", "FCContext", "region").json = {
        ...field(m, "python3.12", "FCContext", "region").json,
        constraints: { minLength: 1, maxLength: 32 },
      }),
    expect: [{ path: "region", kind: "constraint tightened", writers: "breaks", bump: "major" }],
    bump: "major",
  },
  {
    name: "a changed FC header breaks both",
    edit: (m) => (field(m, "python3.12", "FCContext", "region").header = "x-fc-region-id"),
    expect: [{ path: "region", kind: "wire name changed", readers: "breaks", writers: "breaks", bump: "major" }],
    bump: "major",
  },
  {
    name: "an alias removed breaks readers",
    edit: (m) => (cls(m, "python3.9", "FCContext").aliases = []),
    expect: [
      { runtime: "python3.9", path: "requestId", kind: "alias or method removed", readers: "breaks", bump: "major" },
    ],
    bump: "major",
  },
  {
    name: "a description is patch",
    edit: (m) => (field(m, "python3.12", "FCContext", "region").description = "Where it runs."),
    expect: [{ path: "region", kind: "description only", bump: "patch" }],
    bump: "patch",
  },
  {
    name: "a runtime added is minor",
    edit: (m) => m.runtimes.push({ ...runtime(m, "python3.12"), id: "python3.13" }),
    expect: [{ runtime: "python3.13", kind: "runtime added", bump: "minor" }],
    bump: "minor",
  },
  {
    name: "a runtime removed is major",
    edit: (m) => (m.runtimes = m.runtimes.filter((r: Mutable) => r.id !== "python3")),
    expect: [{ runtime: "python3", kind: "runtime removed", readers: "breaks", writers: "breaks", bump: "major" }],
    bump: "major",
  },
];

describe("diffModels", () => {
  it.each(table)("$name", ({ edit, expect: expected, bump }) => {
    const after = structuredClone(base) as Mutable;
    edit(after);
    const changes = diffModels(base, after);
    // python3, 3.9 and 3.10 share one class model, so an edit there shows once per runtime
    const shown = expected.some((e) => e.runtime !== undefined)
      ? changes.filter((c) => c.runtime === expected[0]!.runtime)
      : changes;
    expect(shown).toEqual(expected.map((e) => expect.objectContaining({ runtime: "python3.12", ...e })));
    expect(maxBump(changes.map((c) => c.bump))).toBe(bump);
  });
});
