import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import type { Command, OptionValues } from "./command.js";
import { conformance } from "./commands/conformance.js";
import { diff } from "./commands/diff.js";
import { fake } from "./commands/fake.js";
import { fromHeaders } from "./commands/from-headers.js";
import { run, serve } from "./commands/run.js";
import { spec } from "./commands/spec.js";
import { validate } from "./commands/validate.js";
import { loadManifest } from "./conformance/report.js";
import { EXIT, type ExitCode, InputError, type Io, UsageError, write } from "./io.js";

const COMMANDS: Record<string, Command> = {
  validate,
  fake,
  diff,
  "from-headers": fromHeaders,
  conformance,
  spec,
  run,
  serve,
};

const USAGE = `Usage: fc-context <command> [options]

The Function Compute Python context, per runtime (python3 = python3.6, python3.9, python3.10, python3.12).

Commands:
  validate <file|->... --runtime <id> [--form attributes|json|headers] [--json]  check contexts, one verdict each
  fake --runtime <id> [--json]                                                  print a realistic context
  diff <runtime> <runtime> [--json]                                             what changes between runtimes
  from-headers <file|-> --runtime <id> [--path default|concurrent] [--json]     the context built from headers
  conformance <report.json|-> [--runtime <id>] [--json] [--case <file>]         compare a probe report with the spec
  spec draft <report.json|-> [--runtime <id>] [--spec <dir>] [--out <file>]      start the spec of a new runtime
  run <module.function> --runtime <id> [--event <file|->] [--code-dir <dir>]    run a handler as FC runs it
  serve <module.function> --runtime <id> [--mode http|wsgi|event] [--port <n>]  serve it over HTTP, warm

Run fc-context <command> --help for a command's options; fc-context --version for the versions.
Results go to standard output, diagnostics to standard error.
Exit codes: 0 valid (or matching), 1 invalid (or drifting), 2 usage error or unreadable input; run adds 3.`;

export function version(): string {
  const own = createRequire(import.meta.url)("../package.json") as { version: string };
  return `fc-context ${own.version} (spec ${loadManifest().specVersion})`;
}

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    write(name === undefined ? io.stderr : io.stdout, USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    write(io.stdout, version());
    return EXIT.ok;
  }
  // own keys only: "toString" names no command
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    write(
      io.stderr,
      `fc-context: unknown command "${name}": expected ${Object.keys(COMMANDS).join(", ")} (fc-context --help)`,
    );
    return EXIT.usage;
  }
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    const options = { ...command.options, help: { type: "boolean" as const, short: "h" } };
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    write(
      io.stderr,
      `fc-context ${name}: ${optionError(error as Error & { code?: string })} (fc-context ${name} --help lists the ` +
        `options)`,
    );
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    write(io.stdout, command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.positionals, parsed.values, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint = error instanceof InputError ? "" : ` (fc-context ${name} --help)`;
    write(io.stderr, `fc-context ${name}: ${error.message}${hint}`);
    return EXIT.usage;
  }
}

/** node:util's parse errors, in this tool's words. */
function optionError(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined) return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== undefined) {
    return /argument missing/.test(error.message)
      ? `option ${option} needs a value`
      : `option ${option} takes no value`;
  }
  return error.message;
}
