import { describe, expect, it } from "vitest";
import { caseBody, readDispatchCases } from "../../../spec/dispatch/read-dispatch.mjs";

// The recorded dispatch cases the runner will replay (spec/dispatch/): each well formed, each
// scenario recorded on the three paths, each body there or rebuildable to its recorded hash.
const cases = readDispatchCases();

describe("the recorded dispatch cases", () => {
  it("are there, named after their scenario and path", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const suffix = { python3: "py36", "python3.9": "py39", concurrent: "concurrent" } as const;
    for (const c of cases) expect(c.file).toBe(`${c.scenario}--${suffix[c.runtime]}.json`);
  });

  it("record each scenario on python3, python3.9 and the concurrent path, with their origin", () => {
    const scenarios = new Map<string, string[]>();
    for (const c of cases) scenarios.set(c.scenario, [...(scenarios.get(c.scenario) ?? []), c.runtime]);
    // one scenario exists only where the concurrent path can show it
    const partial = [...scenarios].filter(([, runtimes]) => runtimes.length !== 3).map(([scenario]) => scenario);
    expect(partial.length).toBeLessThanOrEqual(1);
    for (const c of cases) {
      expect(c.origin.length, c.file).toBeGreaterThan(20);
      expect(Object.keys(c.files).length, c.file).toBeGreaterThan(0);
      expect(["response", "error", null], c.file).toContain(c.observed.posted);
    }
  });

  it("give every invocation's body, rebuilt to its recorded hash where it was too large to keep", () => {
    for (const c of cases) expect(Buffer.isBuffer(caseBody(c)), c.file).toBe(true);
    const large = cases.filter((c) => c.body_base64 === null);
    expect(large.length).toBeGreaterThan(0);
    for (const c of large) expect(caseBody(c).length).toBe(c.body_length);
  });
});
