// Reading a probe report and finding the spec entry of its runtime.
import { createRequire } from "node:module";
import { type Io, isObject, sourceName, UsageError } from "../io.js";
import { readJson } from "../read-json.js";
import { jsonKind, reportShapeFault } from "./report-shape.js";
import type { Manifest, ManifestRuntime, Report, ReportClass } from "./types.js";

export const REPORT_FORMAT = "fc-context-probe/1";

/** The invocation path a report was taken on: "concurrent" when it says so, else "default". */
export const reportPath = (report: Report): "default" | "concurrent" =>
  report.path?.name === "concurrent" ? "concurrent" : "default";

/** The runtimes as the spec defines them (gen/runtimes.json, generated). */
export const loadManifest = (): Manifest => createRequire(import.meta.url)("../../gen/runtimes.json") as Manifest;

/** A probe report from a file or standard input; anything else is a usage error saying why. */
export async function readReport(source: string, stdin: Io["stdin"]): Promise<Report> {
  const report = await readJson(source, stdin);
  const where = sourceName(source);
  if (!isObject(report))
    throw new UsageError(`${where}: expected a probe report (a JSON object), got ${jsonKind(report)}`);
  if (report.format !== REPORT_FORMAT) {
    // another format's name says which tool wrote the file; anything else is named by its kind
    const format = report.format;
    const got = typeof format === "string" && format.length <= 40 ? JSON.stringify(format) : jsonKind(format);
    throw new UsageError(`${where}/format: expected "${REPORT_FORMAT}" (a report of fc_context.probe), got ${got}`);
  }
  const fault = reportShapeFault(report);
  if (fault !== undefined) throw new UsageError(`${where}${fault.at}: expected ${fault.expected}, got ${fault.got}`);
  return report as unknown as Report;
}

/** What the report says of a class: own keys only, so a class named "constructor" finds nothing of Object's. */
export function classDescription(report: Report, name: string): ReportClass | undefined {
  return report.classes !== undefined && Object.hasOwn(report.classes, name) ? report.classes[name] : undefined;
}

/** The spec entry of a runtime id (or one of its aliases), or a usage error naming the known ids. */
export function findRuntime(manifest: Manifest, id: string | undefined, fromOption: boolean): ManifestRuntime {
  const runtime = manifest.runtimes.find((r) => r.id === id || (id !== undefined && r.aliases.includes(id)));
  if (runtime !== undefined) return runtime;
  const known = manifest.runtimes.flatMap((r) => [r.id, ...r.aliases]).join(", ");
  if (typeof id !== "string")
    throw new UsageError(`the report names no runtime (runtime/id): pass --runtime <id> (${known})`);
  const hint = fromOption
    ? ""
    : `; if ${id} is a new runtime, start its spec with: fc-context spec draft <report.json>`;
  throw new UsageError(`the spec has no runtime ${JSON.stringify(id)} (it has ${known})${hint}`);
}
