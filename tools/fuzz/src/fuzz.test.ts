import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { runtimeOfId } from "../../../spec/read-layout.mjs";
import { readFindings } from "../../../spec/vectors/read-vectors.mjs";
import { canonical, FORMS, type Form, formsOf } from "./forms.js";
import { fuzz, RUNTIMES, replayFindings, summaryLine } from "./fuzz.js";
import { workerDirectory, workerEnvironment } from "./python-worker.js";

// The differential pass of npm test: 2,000 cases per runtime and form through both languages,
// with no disagreement; `npm run fuzz -- --runs N` runs more. And every finding of earlier runs,
// replayed, gives the expected result on both sides.
const RUNS = 2000;

describe("the differential fuzzer", () => {
  it("finds every runtime's interpreter here (CI fails loudly when one is missing)", () => {
    const missing = RUNTIMES.filter((r) => findPython(r.version) === undefined).map((r) => r.id);
    if (process.env.CI === "true") expect(missing).toEqual([]);
  });

  it.each(RUNTIMES.map((r) => [r.id] as const))(
    `%s: ${RUNS} cases per form, one verdict in both languages`,
    async (runtime) => {
      const lines: string[] = [];
      const result = await fuzz({
        runs: RUNS,
        seed: 20261124,
        runtimes: [runtime],
        report: (line) => lines.push(line),
      });
      if (result.missing.length > 0) return;
      expect(
        lines.filter((line) => line.startsWith("disagreement")),
        lines.join("\n"),
      ).toEqual([]);
      expect(result.summaries.map((s) => s.form)).toEqual(
        FORMS.filter((form) => runtimeOfId(runtime)!.toJson || form !== "json"),
      );
      for (const summary of result.summaries)
        expect(summaryLine(summary)).toMatch(
          new RegExp(`^${runtime} ${summary.form}: ${RUNS} cases, 0 disagreements, \\d+ cases/s$`),
        );
    },
  );

  it("reports a disagreement: counted, shrunk to what shows it, with both outputs", async () => {
    if (findPython("3.12") === undefined) return;
    const attributes = (await formsOf("python3.12")).find((form) => form.name === "attributes")!;
    // TypeScript wrong on purpose: it refuses a memory over 1,000 MB, which the runtime accepts
    const bigMemory = (input: unknown) =>
      ((input as { function?: { memory?: number } } | null)?.function?.memory ?? 0) > 1000;
    const wrong: Form = {
      ...attributes,
      run: (input) => (bigMemory(input) ? { issues: [["/function/memory", "maximum"]] } : attributes.run(input)),
    };
    const lines: string[] = [];
    const result = await fuzz({
      runs: 300,
      seed: 7,
      runtimes: ["python3.12"],
      formsOf: async () => [wrong],
      report: (line) => lines.push(line),
    });
    expect(result.disagreements.length).toBeGreaterThan(3);
    expect(result.disagreements.every((d) => bigMemory(d.input))).toBe(true);
    expect(summaryLine(result.summaries[0]!)).toMatch(
      new RegExp(`^python3.12 attributes: 300 cases, ${result.disagreements.length} disagreements, \\d+ cases/s$`),
    );
    const reproductions = lines.filter((line) => line.startsWith("disagreement on python3.12 attributes:"));
    expect(reproductions).toHaveLength(3);
    for (const reproduction of reproductions) {
      const [, input, typescript, python] = reproduction.split("\n");
      // nothing is left of the context but the memory that shows the disagreement
      expect(JSON.parse(input!.replace(/^ +input: +/, ""))).toEqual({ function: { memory: expect.any(Number) } });
      expect(typescript).toBe(`  TypeScript: {"issues":[["/function/memory","maximum"]]}`);
      expect(python).toMatch(/^ {2}Python: {5}\{"issues":\[.*\["\/request_id","required"\]/);
    }
  });

  it("compares types too: a float where the runtime builds an int does not pass for the int", () => {
    const interpreter = findPython("3.9");
    if (interpreter === undefined) return;
    // the worker's own encoding of a built context, with memory as the runtime builds it and as a float
    const script = [
      "import json, worker, fc_context",
      "from fc_context.testing import fake_context",
      "module = fc_context.for_runtime('python3.9')",
      "context = module.to_attributes(fake_context('python3.9', function={'memory': 128}))",
      "as_float = dict(context, function=dict(context['function'], memory=128.0))",
      "print(json.dumps([worker.encode(worker.typed(c, module._RULES)) for c in (context, as_float)]))",
    ].join("\n");
    const output = execFileSync(interpreter, ["-c", script], {
      cwd: workerDirectory,
      env: workerEnvironment(),
      encoding: "utf8",
    });
    const [asInt, asFloat] = JSON.parse(output) as [Record<string, { memory: unknown }>, unknown];
    expect(asInt.function!.memory).toBe(128);
    expect(canonical({ context: asFloat })).not.toBe(canonical({ context: asInt }));
  });

  it("replays every finding of earlier runs: both languages give the expected result", async () => {
    const findings = readFindings();
    expect(findings.length).toBeGreaterThanOrEqual(3);
    const results = await replayFindings(findings);
    for (const result of results) {
      const expected = canonical(findings.find((f) => f.name === result.name)!.expected);
      expect({ name: result.name, ts: result.typescript }).toEqual({ name: result.name, ts: expected });
      expect({ name: result.name, py: result.python }).toEqual({ name: result.name, py: expected });
    }
  });
});
