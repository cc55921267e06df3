import { createRequire } from "node:module";
import { EXIT, UsageError, write } from "../io.js";
import { runtimeOption } from "../main.js";

const usage = `Usage: fc-context diff <runtime> <runtime> [--json]

What changes in the context from the first runtime to the second: what disappears and what
replaces it, what is new, what changes type, and which constructors change.`;

// every pair of runtimes; read when diff runs, not on every fc-context start
const loadMigrations = () => createRequire(import.meta.url)("@fc-context/docs/data/migrations.json").migrations;

export const diff = {
  usage,
  options: { json: { type: "boolean" } },
  async run(positionals, values, io) {
    if (positionals.length !== 2) throw new UsageError(`expected two runtimes, got ${positionals.length}`);
    const [from, to] = positionals.map((id) => runtimeOption(id));
    const data = from === to ? { from, to, removed: [], added: [], changed: [], constructors: [] } : loadMigrations().find((m) => m.from === from && m.to === to);
    if (values.json) {
      write(io.stdout, JSON.stringify(data, null, 2));
      return EXIT.ok;
    }
    const lines = [`From ${from} to ${to}:`];
    const nested = new Set(data.removed.map((r) => r.path));
    const parent = (path) => path.slice(0, Math.max(0, path.lastIndexOf(".")));
    const removed = data.removed.filter((r) => r.movedTo !== undefined || !nested.has(parent(r.path)));
    if (removed.length) lines.push("  Disappears:", ...removed.map((r) => `    context.${r.path}: ${r.movedTo ? `now context.${r.movedTo} (the same ${r.header} value)` : (r.replacement ?? "no replacement")}`));
    const added = data.added.filter((a) => a.movedFrom === undefined);
    if (added.length) lines.push("  New:", ...added.map((a) => `    context.${a.path}: ${a.type}`));
    if (data.changed.length) lines.push("  Changes type:", ...data.changed.map((c) => `    context.${c.path}: ${c.before} -> ${c.after}`));
    if (data.constructors.length) lines.push("  Constructors:", ...data.constructors.map((c) => `    ${c.before} -> ${c.after}`));
    if (lines.length === 1) lines.push("  Nothing in the context changes.");
    write(io.stdout, lines.join("\n"));
    return EXIT.ok;
  },
};
