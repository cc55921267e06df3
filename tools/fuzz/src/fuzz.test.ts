import { describe, expect, it } from "vitest";
import { findPython } from "../../../packages/python/tools/find-python.mjs";
import { readFindings } from "../../../spec/vectors/read-vectors.mjs";
import { canonical, FORMS } from "./forms.js";
import { fuzz, RUNTIMES, replayFindings, summaryLine } from "./fuzz.js";

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
        FORMS.filter((form) => runtime !== "python3.12" || form !== "json"),
      );
      for (const summary of result.summaries)
        expect(summaryLine(summary)).toMatch(
          new RegExp(`^${runtime} ${summary.form}: ${RUNS} cases, 0 disagreements, \\d+ cases/s$`),
        );
    },
  );

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
