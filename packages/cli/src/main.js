import { parseArgs } from "node:util";
import { canonicalRuntime } from "@fc-context/types";
import { conformance } from "./commands/conformance.js";
import { diff } from "./commands/diff.js";
import { fake } from "./commands/fake.js";
import { fromHeaders } from "./commands/from-headers.js";
import { spec } from "./commands/spec.js";
import { validate } from "./commands/validate.js";
import { EXIT, UsageError, write } from "./io.js";

const COMMANDS = { validate, fake, diff, "from-headers": fromHeaders, conformance, spec };

const USAGE = `Usage: fc-context <command> [options]

The Function Compute Python context, per runtime (python3 = python3.6, python3.9, python3.10, python3.12).

Commands:
  validate <file|-> --runtime <id> [--form attributes|json|headers] [--json]   check a context
  fake --runtime <id> [--json]                                                  print a realistic context
  diff <runtime> <runtime> [--json]                                             what changes between runtimes
  from-headers <file|-> --runtime <id> [--json]                                 the context the runtime builds from headers
  conformance <report.json|-> [--runtime <id>] [--json] [--case <file>]         compare a probe report with the spec
  spec draft <report.json|-> [--runtime <id>] [--spec <dir>] [--out <file>]      start the spec of a new runtime

Run fc-context <command> --help for a command's options.
Exit codes: 0 valid (or matching), 1 invalid (or drifting), 2 usage error.`;

export async function main(argv, io) {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    write(name === undefined ? io.stderr : io.stdout, USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    write(io.stderr, `fc-context: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    write(io.stderr, `fc-context ${name}: ${error.message}\n\n${command.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    write(io.stdout, command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.positionals, parsed.values, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    write(io.stderr, `fc-context ${name}: ${error.message}\n\n${command.usage}`);
    return EXIT.usage;
  }
}

/** The canonical runtime id, or a usage error naming the ids FC accepts. */
export function runtimeOption(value) {
  if (value === undefined) throw new UsageError("--runtime <id> is required");
  const id = canonicalRuntime(value);
  if (id === undefined) throw new UsageError(`unknown runtime "${value}": expected python3, python3.6, python3.9, python3.10 or python3.12`);
  return id;
}

export function onePositional(positionals, what) {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}`);
  return positionals[0];
}
