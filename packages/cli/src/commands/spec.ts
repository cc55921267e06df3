import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command.js";
import { loadManifest, readReport } from "../conformance/report.js";
import { draftSpec } from "../draft/draft-spec.js";
import { formatSpecJson } from "../draft/format-json.js";
import { EXIT, InputError, UsageError, write } from "../io.js";

const usage = `Usage: fc-context spec draft <report.json|-> [--runtime <id>] [--spec <dir>] [--out <file>] [--force]

Writes a draft spec file for a runtime the spec does not have yet (say python3.13) from a report of
fc_context.probe taken on it. Where the report matches what the spec already says, the draft
reuses it (the nearest runtime's classes and the shared field definitions); everything a
maintainer must still write (descriptions, sources, anything the report cannot tell) is a value
starting with DRAFT, and npm run generate refuses the spec, naming each one, until all are filled.
--runtime overrides the runtime the report names; --spec is the spec folder (default: spec);
--out the file to write (default: <spec>/<runtime>.schema.json, never overwritten without --force).
Exit 0 when the draft is written, 2 on a usage error.`;

export const spec: Command = {
  usage,
  options: {
    runtime: { type: "string" },
    spec: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  },
  async run(positionals, values, io) {
    const [action, source, ...rest] = positionals;
    if (action !== "draft")
      throw new UsageError(
        action === undefined ? "expected a subcommand: draft" : `unknown subcommand "${action}": expected draft`,
      );
    if (source === undefined || rest.length > 0)
      throw new UsageError(`expected one report file (or - for standard input), got ${positionals.length - 1}`);
    const report = await readReport(source, io.stdin);
    const id = (values.runtime as string | undefined) ?? report.runtime?.id;
    if (typeof id !== "string" || !/^python3(\.\d+)?$/.test(id))
      throw new UsageError(
        `expected a runtime id such as python3.13 (--runtime or the report's runtime/id), got ` +
          `${JSON.stringify(id ?? null)}`,
      );
    const manifest = loadManifest();
    const existing = manifest.runtimes.find((r) => r.id === id || r.aliases.includes(id));
    if (existing !== undefined)
      throw new UsageError(
        `the spec has ${id} already (${existing.specFile}): compare the report with fc-context conformance`,
      );
    const specDir = (values.spec as string | undefined) ?? "spec";
    if (!existsSync(path.join(specDir, "meta.schema.json"))) {
      throw new UsageError(
        `${specDir} is not a spec folder (no meta.schema.json): run in a checkout of fc-context or pass --spec <dir>`,
      );
    }
    const draft = draftSpec(report, manifest, (file) => readSpecFile(specDir, file), id);
    const target = (values.out as string | undefined) ?? path.join(specDir, `${id}.schema.json`);
    if (existsSync(target) && values.force !== true)
      throw new UsageError(`${target} exists: pass --force to overwrite it`);
    try {
      await writeFile(target, formatSpecJson(draft.spec));
    } catch (error) {
      throw new InputError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    write(
      io.stdout,
      [
        `Wrote ${target}: a draft of ${id} from the report, nearest to ${draft.nearest}.`,
        `${draft.gaps} gap${draft.gaps === 1 ? "" : "s"} to fill: every value starting with DRAFT (register the ` +
          `report as a source in spec/sources.json`,
        "and cite it where the draft asks for sources). npm run generate names each gap left and refuses the spec " +
          "until none is.",
      ].join("\n"),
    );
    return EXIT.ok;
  },
};

function readSpecFile(specDir: string, file: string): unknown {
  const on = path.join(specDir, file.replace(/^spec\//, ""));
  try {
    return JSON.parse(readFileSync(on, "utf8"));
  } catch (error) {
    throw new InputError(
      `cannot read ${on} (${(error as NodeJS.ErrnoException).code ?? String(error)}): run in a checkout of ` +
        `fc-context or pass --spec <dir>`,
    );
  }
}
