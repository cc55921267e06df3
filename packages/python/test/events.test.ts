import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fakeEvent } from "@fc-context/testing";
import { loadEventValidators } from "@fc-context/validators/events";
import { afterAll, describe, expect, it } from "vitest";
import { nearMisses, readSamples } from "../../../spec/events/read-samples.mjs";
import { layoutEvents, layoutRuntimes } from "../../../spec/read-layout.mjs";
import { findPython } from "../tools/find-python.mjs";

// fc_context.events and @fc-context/validators give every event the same verdict and the same
// issues (pointer, rule and words): each kind's valid samples and their near misses, as JSON bytes,
// parsed by Python on the oldest and the newest runtime's interpreter.
const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const scratch = await mkdtemp(path.join(os.tmpdir(), "fc-context-events-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const runtimes = layoutRuntimes();
const interpreters = [runtimes[0]!, runtimes.at(-1)!].map((r) => ({
  version: r.pythonVersion,
  python: findPython(r.pythonVersion),
}));

interface Outcome {
  readonly ok: boolean;
  readonly issues: ReadonlyArray<{ path: string; keyword: string; message: string }>;
}

const cases = layoutEvents().flatMap(({ kind }) =>
  readSamples(kind)
    .filter((sample) => sample.verdict === "valid" && sample.value !== undefined && kind !== "tablestore")
    .flatMap((sample) => [sample.value, ...nearMisses(sample.value).map(([, broken]) => broken)])
    .map((value) => ({ kind, text: JSON.stringify(value), value })),
);

const script = `
import json, sys
from fc_context import events
out = []
with open(sys.argv[1], encoding="utf-8") as handle:
    for case in json.load(handle):
        try:
            events.parse(case["kind"], case["text"].encode("utf-8"))
            out.append({"ok": True, "issues": []})
        except events.EventValidationError as error:
            out.append({"ok": False, "issues": [issue._asdict() for issue in error.issues]})
print(json.dumps(out))
`;

describe.each(interpreters)("fc_context.events on Python $version", ({ python }) => {
  it.skipIf(python === undefined)("agrees with the TypeScript validators on every sample and near miss", async () => {
    expect(cases.length).toBeGreaterThan(500);
    const file = path.join(scratch, "cases.json");
    await writeFile(file, JSON.stringify(cases.map(({ kind, text }) => ({ kind, text }))));
    const { stdout } = await run(python!, ["-c", script, file], {
      env: { ...process.env, PYTHONPATH: path.join(packageDir, "src") },
      maxBuffer: 64 * 1024 * 1024,
    });
    const fromPython = JSON.parse(stdout) as Outcome[];
    const fromTypeScript: Outcome[] = [];
    for (const { kind, value } of cases) {
      const result = (await loadEventValidators(kind as never)).validateEvent(value);
      fromTypeScript.push(
        result.ok
          ? { ok: true, issues: [] }
          : { ok: false, issues: result.issues.map(({ path, keyword, message }) => ({ path, message, keyword })) },
      );
    }
    for (const [index, outcome] of fromPython.entries())
      expect(outcome, `${cases[index]!.kind} ${cases[index]!.text.slice(0, 0)}#${index}`).toEqual(
        fromTypeScript[index],
      );
  });

  it.skipIf(python === undefined)("fakes the same event of every kind as @fc-context/testing", async () => {
    const code =
      "import json; from fc_context import events; print(json.dumps({k: events.fake_event(k) for k in events.KINDS}))";
    const { stdout } = await run(python!, ["-c", code], {
      env: { ...process.env, PYTHONPATH: path.join(packageDir, "src") },
    });
    const kinds = layoutEvents().map((event) => event.kind);
    expect(JSON.parse(stdout)).toEqual(Object.fromEntries(kinds.map((kind) => [kind, fakeEvent(kind as never)])));
  });
});
