import { writeFile } from "node:fs/promises";
import path from "node:path";
import { reportToCase } from "../conformance/case.js";
import { compareReport } from "../conformance/compare.js";
import { findRuntime, loadManifest, readReport } from "../conformance/report.js";
import { EXIT, paint, UsageError, write } from "../io.js";
import { onePositional } from "../main.js";

const usage = `Usage: fc-context conformance <report.json|-> [--runtime <id>] [--json] [--case <file>]

Compares a report of fc_context.probe (deployed as a function on FC) with the spec of its
runtime: classes, attributes and their types, None where the spec says never, aliases, methods,
constructor parameters and to_json() keys. Each difference says what the spec says, what the
runtime did, and which spec file and JSON pointer to change. --runtime overrides the runtime the
report names; --case writes the report as a case for spec/conformance/cases/.
Exit 0 when the runtime matches the spec, 1 on any difference, 2 on a usage error.`;

export const conformance = {
  usage,
  options: { runtime: { type: "string" }, json: { type: "boolean" }, case: { type: "string" } },
  async run(positionals, values, io) {
    const source = onePositional(positionals, "report file (or - for standard input)");
    const report = await readReport(source, io.stdin);
    const manifest = loadManifest();
    const runtime = findRuntime(manifest, values.runtime ?? report.runtime?.id, values.runtime !== undefined);
    const drift = compareReport(report, runtime);
    const pathName = report.path?.name === "concurrent" ? "concurrent" : "default";
    if (values.case !== undefined) await writeCase(report, runtime, values.case);
    if (values.json) {
      write(io.stdout, JSON.stringify({ runtime: runtime.id, path: pathName, specFile: runtime.specFile, matches: drift.length === 0, drift }, null, 2));
    } else write(io.stdout, render(io, runtime, pathName, drift));
    return drift.length === 0 ? EXIT.ok : EXIT.invalid;
  },
};

async function writeCase(report, runtime, file) {
  const wire = await import(`@fc-context/wire/${runtime.id}`);
  const name = path.basename(file).replace(/\.json$/, "");
  const testCase = reportToCase(report, runtime, name, wire.toHeaders);
  try {
    await writeFile(file, `${JSON.stringify(testCase, null, 1)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${error.code ?? error.message}`);
  }
}

function render(io, runtime, pathName, drift) {
  const head = `${runtime.id} on the ${pathName} path`;
  if (drift.length === 0) return `${head}: ${paint(io, "green", "matches the spec")} (${runtime.specFile}).`;
  const count = `${drift.length} difference${drift.length === 1 ? "" : "s"} from the spec`;
  const lines = [`${head}: ${paint(io, "red", count)} (${runtime.specFile}).`];
  for (const entry of drift) {
    lines.push(
      `  ${entry.kind}: ${entry.path}`,
      `    spec:    ${entry.spec}`,
      `    runtime: ${entry.runtime}`,
      `    change:  ${entry.change.file}#${entry.change.pointer}`,
    );
  }
  return lines.join("\n");
}
