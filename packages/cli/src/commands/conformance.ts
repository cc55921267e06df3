import { writeFile } from "node:fs/promises";
import path from "node:path";
import { FCContextValidationError } from "@fc-context/validators";
import type { Command } from "../command.js";
import { type ConformanceCase, reportToCase } from "../conformance/case.js";
import { compareReport } from "../conformance/compare.js";
import { findRuntime, loadManifest, readReport, reportPath } from "../conformance/report.js";
import type { Drift, ManifestRuntime, Report } from "../conformance/types.js";
import { EXIT, InputError, type Io, paint, write } from "../io.js";
import { onePositional, withArticle } from "../options.js";
import { loadWire } from "./wire-module.js";

const usage = `Usage: fc-context conformance <report.json|-> [--runtime <id>] [--json] [--case <file>]

Compares a report of fc_context.probe (deployed as a function on FC) with the spec of its
runtime: classes, attributes and their types, None where the spec says never, aliases, methods,
constructor parameters and to_json() keys. Each difference says what the spec says, what the
runtime did, and which spec file and JSON pointer to change. --runtime overrides the runtime the
report names; --case writes the report as a case for spec/conformance/cases/.
Exit 0 when the runtime matches the spec, 1 on any difference, 2 on a usage error.`;

export const conformance: Command = {
  usage,
  options: { runtime: { type: "string" }, json: { type: "boolean" }, case: { type: "string" } },
  async run(positionals, values, io) {
    const source = onePositional(positionals, "report file (or - for standard input)");
    const report = await readReport(source, io.stdin);
    const option = values.runtime as string | undefined;
    const runtime = findRuntime(loadManifest(), option ?? report.runtime?.id, option !== undefined);
    const drift = compareReport(report, runtime);
    const pathName = reportPath(report);
    if (values.json === true) {
      write(
        io.stdout,
        JSON.stringify(
          { runtime: runtime.id, path: pathName, specFile: runtime.specFile, matches: drift.length === 0, drift },
          null,
          2,
        ),
      );
    } else write(io.stdout, render(io, runtime, pathName, drift));
    // after the comparison is printed: a case that cannot be written must not hide the differences
    if (typeof values.case === "string") await writeCase(report, runtime, values.case);
    return drift.length === 0 ? EXIT.ok : EXIT.invalid;
  },
};

async function writeCase(report: Report, runtime: ManifestRuntime, file: string): Promise<void> {
  const wire = await loadWire(runtime.id);
  let testCase: ConformanceCase;
  try {
    testCase = reportToCase(report, runtime, path.basename(file).replace(/\.json$/, ""), wire.toHeaders);
  } catch (error) {
    if (!(error instanceof FCContextValidationError)) throw error;
    const issues = error.issues.map((issue) => `${issue.path || "(the context)"}: ${issue.message}`).join("; ");
    throw new InputError(
      `cannot write ${file}: the report's context is not ${withArticle(runtime.id)} context, so no header lines ` +
        `build it (${issues})`,
    );
  }
  try {
    await writeFile(file, `${JSON.stringify(testCase, null, 1)}\n`);
  } catch (error) {
    throw new InputError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function render(io: Io, runtime: ManifestRuntime, pathName: string, drift: readonly Drift[]): string {
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
