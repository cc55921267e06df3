import { createRequire } from "node:module";
import type { Command } from "../command.js";
import { EXIT, UsageError, write } from "../io.js";
import { runtimeOption } from "../options.js";

const usage = `Usage: fc-context diff <runtime> <runtime> [--json]

What changes in the context from the first runtime to the second: what disappears and what
replaces it, what is new, what changes type, and which constructors change.`;

interface Migration {
  readonly from: string;
  readonly to: string;
  /** Only what is worth a line: a child of something removed only when it moved (generated so). */
  readonly removed: readonly {
    path: string;
    withChildren?: boolean;
    movedTo?: string;
    header?: string;
    replacement?: string;
  }[];
  readonly added: readonly { path: string; type: string; movedFrom?: string }[];
  readonly changed: readonly { path: string; before: string; after: string }[];
  readonly constructors: readonly { cls: string; before: string; after: string }[];
}

// every pair of runtimes; read when diff runs, not on every fc-context start
const loadMigrations = () =>
  (createRequire(import.meta.url)("@fc-context/docs/data/migrations.json") as { migrations: Migration[] }).migrations;

export const diff: Command = {
  usage,
  options: { json: { type: "boolean" } },
  async run(positionals, values, io) {
    if (positionals.length !== 2) throw new UsageError(`expected two runtimes, got ${positionals.length}`);
    const from = runtimeOption(positionals[0], "the first runtime");
    const to = runtimeOption(positionals[1], "the second runtime");
    const data: Migration =
      from === to
        ? { from, to, removed: [], added: [], changed: [], constructors: [] }
        : loadMigrations().find((m) => m.from === from && m.to === to)!;
    write(io.stdout, values.json === true ? JSON.stringify(data, null, 2) : render(data));
    return EXIT.ok;
  },
};

function render(data: Migration): string {
  const lines = [`From ${data.from} to ${data.to}:`];
  const removed = data.removed.map((r) => {
    const instead =
      r.movedTo !== undefined
        ? `now context.${r.movedTo} (the same ${r.header} value)`
        : (r.replacement ?? "no replacement");
    return `    context.${r.path}${r.withChildren === true ? ", with everything on it" : ""}: ${instead}`;
  });
  if (removed.length) lines.push("  Disappears:", ...removed);
  const added = data.added.filter((a) => a.movedFrom === undefined);
  if (added.length) lines.push("  New:", ...added.map((a) => `    context.${a.path}: ${a.type}`));
  if (data.changed.length)
    lines.push("  Changes type:", ...data.changed.map((c) => `    context.${c.path}: ${c.before} -> ${c.after}`));
  if (data.constructors.length)
    lines.push("  Constructors:", ...data.constructors.map((c) => `    ${c.before} -> ${c.after}`));
  if (lines.length === 1) lines.push("  Nothing in the context changes.");
  return lines.join("\n");
}
