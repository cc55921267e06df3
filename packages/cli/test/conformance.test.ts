import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { layoutRuntimes, newRuntimeId } from "../../../spec/read-layout.mjs";
import { findPython } from "../../python/tools/find-python.mjs";
import manifestJson from "../gen/runtimes.json" with { type: "json" };
import { compareReport } from "../src/conformance/compare.js";
import type { Manifest } from "../src/conformance/types.js";
import { runCli } from "./fixtures/run-cli.js";
import { runFixture } from "./fixtures/run-fixture.js";
import { invocationsOf, takeReports } from "./fixtures/take-reports.js";

// fc_context.probe's reports held against the spec: contexts built the way the runtime builds them
// compare clean on every interpreter; a runtime that differs in one way gives exactly that one
// difference; the command's exits, words and --case; no canary secret in any output.
const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-conformance-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CANARY = "CANARY-5d1e0c77-never-printed";
// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;

// biome-ignore lint/suspicious/noExplicitAny: a report is JSON whose shape the test asserts
const python = (interpreter: string, script: string, args: string[]): any => runFixture(interpreter, script, args);

const cli = runCli;

let files = 0;
function file(value: unknown): string {
  const target = path.join(scratch, `report-${files++}.json`);
  writeFileSync(target, typeof value === "string" ? value : JSON.stringify(value));
  return target;
}

const manifest = manifestJson as unknown as Manifest;
const runtime = (id: string) => manifest.runtimes.find((r) => r.id === id)!;
const interpreters = layoutRuntimes().map((r) => ({
  id: r.id,
  version: r.pythonVersion,
  python: findPython(r.pythonVersion),
}));
const host = "/usr/bin/python3";

describe.each(interpreters)("probe reports on $id (Python $version)", ({ id, python: interpreter }) => {
  it.skipIf(interpreter === undefined)(
    "compare clean: the fake, and every recorded case that ran a handler, on both paths",
    () => {
      const reports = takeReports(interpreter!, id);
      expect(reports.map((r) => r.name)).toEqual(["fake", ...invocationsOf(id).map((i) => i.name)]);
      for (const { name, report } of reports) {
        expect(report.runtime.id).toBe(id);
        expect(compareReport(report, runtime(id)), name).toEqual([]);
      }
    },
  );
});

describe("a runtime that differs from the spec", () => {
  const mutations = python(host, "list_mutations.py", []) as Record<string, string | null>;

  it.each(Object.entries(mutations))("%s gives exactly its one difference (%s)", (mutation, kind) => {
    const report = python(host, "synthetic_runtime.py", [mutation]);
    const drift = compareReport(report, runtime("python3.9"));
    expect(drift.map((entry: Json) => entry.kind)).toEqual(kind === null ? [] : [kind]);
    for (const entry of drift) {
      expect(entry.change.file).toMatch(/^spec\/.+\.schema\.json$/);
      expect(entry.change.pointer).toMatch(/^\/\$defs\//);
      expect(entry.spec).not.toBe(entry.runtime);
    }
  });
});

describe("fc-context conformance", () => {
  const clean = () => python(host, "synthetic_runtime.py", ["none"]);

  it("exits 0 and says the runtime matches", async () => {
    const result = await cli(["conformance", file(clean())]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe("python3.9 on the default path: matches the spec (spec/python3.9.schema.json).\n");
  });

  it("exits 1 and prints each difference with what to change", async () => {
    const result = await cli(["conformance", file(python(host, "synthetic_runtime.py", ["type"]))]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("1 difference from the spec");
    expect(result.stdout).toContain(
      [
        "  type changed: context.function.timeout",
        "    spec:    int",
        "    runtime: str",
        "    change:  spec/shared/classic.schema.json#/$defs/FunctionMeta/properties/timeout",
      ].join("\n"),
    );
    const json = JSON.parse(
      (await cli(["conformance", file(python(host, "synthetic_runtime.py", ["type"])), "--json"])).stdout,
    );
    expect(json).toMatchObject({
      runtime: "python3.9",
      path: "default",
      matches: false,
      drift: [{ kind: "type changed" }],
    });
  });

  it("takes --runtime over the report's id, and reads standard input", async () => {
    const report = { ...clean(), runtime: { id: "python3.11" } };
    expect((await cli(["conformance", "-", "--runtime", "python3.9"], JSON.stringify(report))).code).toBe(0);
    expect((await cli(["conformance", "-", "--runtime", "python3.12"], JSON.stringify(report))).code).toBe(1);
  });

  it("exits 2 with a reason on what is not a report of a known runtime", async () => {
    const unknown = await cli(["conformance", file({ ...clean(), runtime: { id: newRuntimeId() } })]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`the spec has no runtime "${newRuntimeId()}"`);
    expect(unknown.stderr).toContain("fc-context spec draft");
    const notJson = await cli(["conformance", file("{ nope")]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/report-\d+\.json:1:3: not JSON: /);
    const wrongFormat = await cli(["conformance", file({ format: "something" })]);
    expect(wrongFormat.stderr).toContain('/format: expected "fc-context-probe/1"');
    expect((await cli(["conformance", path.join(scratch, "absent.json")])).code).toBe(2);
    expect((await cli(["conformance"])).code).toBe(2);
  });

  it("--case writes a conformance case whose headers build the context the runtime built", async () => {
    const reports = takeReports(findPython("3.9") ?? host, "python3.9");
    const wire = await import("@fc-context/wire/python3.9");
    for (const { name, report } of reports.filter((r: Json) =>
      ["fake", "probe-prod-full/default", "funcraft-default/concurrent"].includes(r.name),
    )) {
      const target = path.join(scratch, `${name.replace("/", "-")}.json`);
      expect((await cli(["conformance", file(report), "--case", target])).code, name).toBe(0);
      const written = JSON.parse(readFileSync(target, "utf8"));
      expect(written.origin).toMatch(/^report: fc_context\.probe on python3\.9/);
      const pathName = report.path.name;
      const tree =
        pathName === "concurrent" ? written.observed.concurrent.context : written.observed.default["python3.9"].context;
      expect(wire.fromHeaders(written.headers, { path: pathName })).toEqual(attributeView(tree));
    }
  });

  it("prints no canary secret, in text, --json or a written case", async () => {
    const reports = takeReports(host, "python3.9", CANARY);
    const target = path.join(scratch, "canary-case.json");
    const { report } = reports[0]!;
    const outputs = [
      await cli(["conformance", file(report)]),
      await cli(["conformance", file(report), "--json", "--case", target]),
      await cli(["conformance", file({ ...report, context: "broken" })]),
    ];
    // a hand-edited report that carries the secret where a number belongs
    const edited = structuredClone(report);
    edited.context.attributes.credentials.attributes.access_key_secret = { type: "int", value: CANARY };
    outputs.push(await cli(["conformance", file(edited)]), await cli(["conformance", file(edited), "--json"]));
    for (const output of outputs) expect(output.stdout + output.stderr).not.toContain(CANARY.slice(7));
    expect(readFileSync(target, "utf8")).not.toContain(CANARY.slice(7));
    expect(JSON.stringify(reports)).not.toContain(CANARY.slice(7));
  });
});

function attributeView(tree: Json): Json {
  return Object.fromEntries(
    Object.entries(tree.attributes as Json)
      .filter(([name]) => name !== "logger" && name !== "requestId")
      .map(([name, node]) => [name, "class" in node ? attributeView(node) : node.value]),
  );
}
