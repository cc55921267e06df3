import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel } from "@fc-context/codegen";
import { describe, expect, it } from "vitest";
import { newRuntimeId } from "../../../spec/read-layout.mjs";

// a runtime the spec does not have yet
const NEW_ID = newRuntimeId();

import { type Bump, bumpRank, type Change, diffModels, formatChanges, maxBump } from "./spec-diff.js";

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
    edit: (m) => m.runtimes.push({ ...runtime(m, "python3.12"), id: NEW_ID }),
    expect: [{ runtime: NEW_ID, kind: "runtime added", bump: "minor" }],
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

// Each rule of the diff on its own, with the detail a maintainer reads.
const memory = (m: Mutable) => field(m, "python3.12", "FunctionMeta", "memory");
const region = (m: Mutable) => field(m, "python3.12", "FCContext", "region");
const constrain = (get: (m: Mutable) => Mutable, constraints: object) => (m: Mutable) => {
  get(m).json = { ...get(m).json, constraints };
};

interface Rule {
  name: string;
  edit: (m: Mutable) => void;
  change: Partial<Change>;
}

const rules: Rule[] = [
  ...(
    [
      ["minimum raised", memory, { minimum: 2 }, "function.memory", '{"minimum":1} became {"minimum":2}'],
      [
        "maximum set",
        memory,
        { minimum: 1, maximum: 3072 },
        "function.memory",
        '{"minimum":1} became {"minimum":1,"maximum":3072}',
      ],
      ["minLength raised", region, { minLength: 2 }, "region", '{"minLength":1} became {"minLength":2}'],
      [
        "maxLength set",
        region,
        { minLength: 1, maxLength: 9 },
        "region",
        '{"minLength":1} became {"minLength":1,"maxLength":9}',
      ],
      [
        "pattern set",
        region,
        { minLength: 1, pattern: "^cn-" },
        "region",
        '{"minLength":1} became {"minLength":1,"pattern":"^cn-"}',
      ],
    ] as const
  ).map(
    ([what, get, constraints, path, detail]): Rule => ({
      name: `${what}: tightened`,
      edit: constrain(get, constraints),
      change: {
        path,
        kind: "constraint tightened",
        detail: `${path}: ${detail}`,
        readers: "unaffected",
        writers: "breaks",
      },
    }),
  ),
  ...(
    [
      ["minimum lowered", memory, { minimum: 0 }, "function.memory", '{"minimum":1} became {"minimum":0}'],
      ["minimum dropped", memory, {}, "function.memory", '{"minimum":1} became {}'],
      ["minLength dropped", region, {}, "region", '{"minLength":1} became {}'],
    ] as const
  ).map(
    ([what, get, constraints, path, detail]): Rule => ({
      name: `${what}: loosened`,
      edit: constrain(get, constraints),
      change: {
        path,
        kind: "constraint loosened",
        detail: `${path}: ${detail}`,
        readers: "breaks",
        writers: "unaffected",
      },
    }),
  ),
  {
    name: "a type changed breaks both",
    edit: (m) => (memory(m).json = { ...memory(m).json, kinds: ["string"] }),
    change: {
      path: "function.memory",
      kind: "type changed",
      detail: "function.memory: integer became string",
      readers: "breaks",
      writers: "breaks",
    },
  },
  {
    name: "a type widened says what it now takes",
    edit: (m) => (memory(m).json = { ...memory(m).json, kinds: ["integer", "number"] }),
    change: { path: "function.memory", kind: "type widened", detail: "function.memory now also takes number" },
  },
  {
    name: "a type narrowed says what it no longer takes",
    edit: (m) => (region(m).json = { ...region(m).json, kinds: [] }),
    change: { path: "region", kind: "type narrowed", detail: "region no longer takes string" },
  },
  {
    name: "a Python-only attribute's type changed",
    edit: (m) => (field(m, "python3.12", "FCContext", "logger").python = { kind: "builtin", name: "Any" }),
    change: {
      path: "logger",
      kind: "type changed",
      detail: "logger: Optional[logging.Logger] became Any",
      readers: "breaks",
      writers: "breaks",
    },
  },
  {
    name: "a Python-only attribute removed breaks readers only",
    edit: (m) => {
      const context = cls(m, "python3.12", "FCContext");
      context.fields = context.fields.filter((f: Mutable) => f.name !== "logger");
    },
    change: {
      path: "logger",
      kind: "field removed",
      detail: "logger is gone",
      readers: "breaks",
      writers: "unaffected",
    },
  },
  {
    name: "a method's behaviour changed",
    edit: (m) => (cls(m, "python3.12", "FCContext").methods[0].behavior = "to-json"),
    change: {
      path: "getLogger()",
      kind: "alias or method removed",
      detail: "getLogger(): () -> logging.Logger [logger-or-root] became () -> logging.Logger [to-json]",
      readers: "breaks",
      writers: "unaffected",
    },
  },
  {
    name: "an alias added is minor",
    edit: (m) =>
      cls(m, "python3.12", "FCContext").aliases.push({
        name: "requestId",
        of: "request_id",
        kind: "property",
        description: "The request id.",
        sources: ["RT"],
      }),
    change: {
      path: "requestId",
      kind: "alias or method added",
      detail: "requestId is new",
      readers: "gains",
      writers: "unaffected",
      bump: "minor",
    },
  },
  {
    name: "a to_json key changed",
    edit: (m) => (field(m, "python3.9", "FCContext", "region").toJsonKey = "regionId"),
    change: {
      runtime: "python3.9",
      path: "region",
      kind: "wire name changed",
      detail: "region: header x-fc-region / to_json region became x-fc-region / regionId",
    },
  },
  {
    name: "when it is None is documentation",
    edit: (m) => (field(m, "python3.12", "FunctionMeta", "qualifier").nullWhen = "Never on Tuesdays."),
    change: {
      path: "function.qualifier",
      kind: "description only",
      detail: "function.qualifier: documentation",
      bump: "patch",
    },
  },
  {
    name: "a unit is documentation",
    edit: (m) => (memory(m).unit = "seconds"),
    change: { path: "function.memory", kind: "description only", detail: "function.memory: documentation" },
  },
  {
    name: "examples are documentation",
    edit: (m) => (memory(m).examples = [1024]),
    change: { path: "function.memory", kind: "description only", detail: "function.memory: documentation" },
  },
  {
    name: "a class description is documentation",
    edit: (m) => (cls(m, "python3.12", "FunctionMeta").description = "The function."),
    change: {
      path: "FunctionMeta",
      kind: "description only",
      detail: "FunctionMeta: description",
      readers: "unaffected",
    },
  },
  {
    name: "a runtime description is documentation",
    edit: (m) => (runtime(m, "python3.12").description = "New."),
    change: { path: "", kind: "description only", detail: "runtime description", writers: "unaffected" },
  },
  {
    name: "a constructor default changed",
    edit: (m) => (cls(m, "python3.9", "FCContext").constructorParams.at(-1).default = 1),
    change: {
      runtime: "python3.9",
      path: "FCContext",
      kind: "constructor changed",
      detail:
        "FCContext(account_id->account_id, request_id->request_id, credentials->credentials, " +
        "function_meta->function, service_meta->service, region->region, tracing->tracing, logger->logger, " +
        "retry_count=0->retry_count) became FCContext(account_id->account_id, request_id->request_id, " +
        "credentials->credentials, function_meta->function, service_meta->service, region->region, " +
        "tracing->tracing, logger->logger, retry_count=1->retry_count)",
    },
  },
  {
    name: "a runtime added says so",
    edit: (m) => m.runtimes.push({ ...runtime(m, "python3.12"), id: NEW_ID }),
    change: {
      runtime: NEW_ID,
      path: "",
      detail: `runtime ${NEW_ID} is new`,
      readers: "gains",
      writers: "gains",
    },
  },
  {
    name: "a runtime removed says so",
    edit: (m) => (m.runtimes = m.runtimes.filter((r: Mutable) => r.id !== "python3.12")),
    change: { runtime: "python3.12", path: "", detail: "runtime python3.12 is gone" },
  },
];

describe("diffModels, rule by rule", () => {
  it.each(rules)("$name", ({ edit, change }) => {
    const after = structuredClone(base) as Mutable;
    edit(after);
    const changes = diffModels(base, after).filter((c) => c.runtime === (change.runtime ?? "python3.12"));
    expect(changes).toEqual([expect.objectContaining({ runtime: "python3.12", ...change })]);
  });

  it("counts a raised maximum as loosened", () => {
    const before = structuredClone(base) as Mutable;
    const after = structuredClone(base) as Mutable;
    memory(before).json.constraints = { minimum: 1, maximum: 10 };
    memory(after).json.constraints = { minimum: 1, maximum: 20 };
    expect(diffModels(before, after)).toEqual([
      expect.objectContaining({ path: "function.memory", kind: "constraint loosened", bump: "major" }),
    ]);
    memory(before).json.constraints = { minimum: 1, maxLength: 10 };
    memory(after).json.constraints = { minimum: 1, maxLength: 20 };
    expect(diffModels(before, after)).toEqual([expect.objectContaining({ kind: "constraint loosened" })]);
    memory(before).json.constraints = { minimum: 1, pattern: "^a" };
    memory(after).json.constraints = { minimum: 1 };
    expect(diffModels(before, after)).toEqual([expect.objectContaining({ kind: "constraint loosened" })]);
  });
});

describe("maxBump, bumpRank and formatChanges", () => {
  it("rank none < patch < minor < major, and take the highest", () => {
    expect(["none", "patch", "minor", "major"].map((b) => bumpRank(b as Bump))).toEqual([0, 1, 2, 3]);
    expect(maxBump([])).toBe("none");
    expect(maxBump(["patch", "minor", "patch"])).toBe("minor");
    expect(maxBump(["major", "none"])).toBe("major");
  });

  it("print one line per change and the minimum bump", () => {
    expect(formatChanges([])).toBe("No change to the spec.\nMinimum bump: none");
    const after = structuredClone(base) as Mutable;
    memory(after).unit = "seconds";
    runtime(after, "python3.12").description = "New.";
    expect(formatChanges(diffModels(base, after).filter((c) => c.runtime === "python3.12"))).toBe(
      [
        "  patch python3.12 function.memory: description only (readers: unaffected, writers: unaffected) - " +
          "function.memory: documentation",
        "  patch python3.12: description only (readers: unaffected, writers: unaffected) - runtime description",
        "Minimum bump: patch",
      ].join("\n"),
    );
  });
});
