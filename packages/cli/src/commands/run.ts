// fc-context run / serve: run a handler as FC's Python runtime does, on a local interpreter. The
// runner is the Python package's (fc_context.run); this finds an interpreter for the runtime and
// hands the command to it, with the fc_context that ships inside this package, so a JavaScript
// tool drives the same runner a Python developer does.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command, OptionValues } from "../command.js";
import type { ExitCode, Io } from "../io.js";
import { UsageError } from "../io.js";
import { runtimeOption } from "../options.js";

const here = path.dirname(fileURLToPath(import.meta.url));

const COMMON = `  --code-dir <dir>        the code folder (default: .)
  --runtime <id>          python3 (python3.6), python3.9, python3.10 or python3.12: picks the interpreter
  --python <path>         the interpreter to run it on (default: pyenv's, then PATH's pythonX.Y)
  --timeout <s>           seconds after which FC would end the instance
  --env <NAME=VALUE>      a function environment variable (repeat the option for more)
  --log-frames            write log records as FC's binary frames, not as text
  --system-log <file>     write the runtime's own log to the file`;

const runUsage = `Usage: fc-context run <module.function> [options]

Runs one invocation of the handler in a fresh runtime process, as FC's Python runtime runs it:
the handler's output and the runtime's log lines on stdout and stderr, then the posted bytes.

${COMMON}
  --event <file|->        the event bytes (default: {})
  --data <text>           the event bytes, as UTF-8 text
  --event-kind <kind>     a realistic event of a trigger kind (fc-context fake --event lists them)
  --headers <file>        the invocation's headers: a JSON list of [name, value] pairs
  --request-id <id>       the request id (default: a fresh UUID)
  --path <default|concurrent>  the invocation path (instance concurrency 1, or above)
  --function-type <handler|initializer|pre-stop|pre-freeze>
  --response <file>       write the posted bytes there instead of stdout

Exit codes: 0 a response, 1 an error document (or a timeout, or the process ended), 2 usage,
3 the runtime would not have invoked the handler.`;

const serveUsage = `Usage: fc-context serve <module.function> [options]

Serves invocations over HTTP on 127.0.0.1 from one warm runtime instance, until interrupted.

${COMMON}
  --mode <http|wsgi|event>  http: an FC 3.0 HTTP trigger (v1 event); wsgi: an FC 2.0 HTTP function;
                          event: POST the event bytes (default: http)
  --host <address>        the address to bind (default: 127.0.0.1)
  --port <n>              the port (default: 9000; 0 picks a free one)
  --initializer <module.function>  run once when the instance starts
  --concurrency <n>       instance concurrency; above 1 selects the concurrent path`;

const commonOptions = {
  "code-dir": { type: "string" },
  runtime: { type: "string" },
  python: { type: "string" },
  timeout: { type: "string" },
  env: { type: "string", multiple: true },
  "log-frames": { type: "boolean" },
  "system-log": { type: "string" },
} as const;

const runOptions = {
  ...commonOptions,
  event: { type: "string" },
  data: { type: "string" },
  "event-kind": { type: "string" },
  headers: { type: "string" },
  "request-id": { type: "string" },
  path: { type: "string" },
  "function-type": { type: "string" },
  response: { type: "string" },
} as const;

const serveOptions = {
  ...commonOptions,
  mode: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  initializer: { type: "string" },
  concurrency: { type: "string" },
} as const;

/** The Python version of each runtime, from the types package (never a list kept here). */
async function pythonVersionOf(runtime: string): Promise<string> {
  const module = (await import(/* @vite-ignore */ `@fc-context/types/${runtime}`)) as { pythonVersion: string };
  return module.pythonVersion;
}

/** pyenv's newest X.Y.*, else a working pythonX.Y on PATH (pyenv's shims fail for versions not selected). */
export function findInterpreter(version: string, env: Io["env"]): string | undefined {
  const root = env.PYENV_ROOT ?? path.join(os.homedir(), ".pyenv");
  const versions = path.join(root, "versions");
  if (existsSync(versions)) {
    const dir = readdirSync(versions)
      .filter((name) => name.startsWith(`${version}.`) && /^\d+$/.test(name.slice(version.length + 1)))
      .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]))
      .at(-1);
    const binary = dir && path.join(versions, dir, "bin", `python${version}`);
    if (binary && existsSync(binary)) return binary;
  }
  for (const folder of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const binary = path.join(folder, `python${version}`);
    if (!existsSync(binary)) continue;
    const check = spawnSync(binary, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" });
    if (check.status === 0 && check.stdout.trim() === version) return binary;
  }
  return undefined;
}

/** The folder holding the fc_context package this CLI runs: its own copy, or the monorepo's. */
export function pythonPackageRoot(): string {
  for (const candidate of [path.join(here, "../../python"), path.join(here, "../../../python/src")]) {
    if (existsSync(path.join(candidate, "fc_context", "run.py"))) return candidate;
  }
  throw new Error("fc_context is not inside this package: reinstall @fc-context/cli");
}

function argumentsOf(values: OptionValues & Record<string, unknown>, options: Record<string, { type: string }>) {
  const args: string[] = [];
  for (const [name, option] of Object.entries(options)) {
    const value = values[name];
    if (value === undefined || name === "python") continue;
    if (option.type === "boolean") {
      if (value === true) args.push(`--${name}`);
    } else {
      for (const item of Array.isArray(value) ? value : [value]) args.push(`--${name}`, String(item));
    }
  }
  return args;
}

// started by `python -c`: the runner from this package's copy, whatever the interpreter has installed
const LAUNCH =
  "import sys; sys.path.insert(0, sys.argv.pop(1)); from fc_context._command import main; sys.exit(main())";

async function delegate(
  command: "run" | "serve",
  positionals: readonly string[],
  values: OptionValues,
  options: Record<string, { type: string }>,
  io: Io,
): Promise<ExitCode> {
  if (positionals.length !== 1)
    throw new UsageError(`expected one handler (module.function), got ${positionals.length}`);
  let python = values.python as string | undefined;
  if (python === undefined) {
    if (values.runtime === undefined) throw new UsageError("--runtime <id> or --python <path> is required");
    const version = await pythonVersionOf(runtimeOption(values.runtime as string));
    python = findInterpreter(version, io.env);
    if (python === undefined) {
      throw new UsageError(`no Python ${version} found (pyenv, then PATH): install it, or give --python <path>`);
    }
  } else if (!existsSync(python)) {
    throw new UsageError("--python: no interpreter at that path");
  } else if (values.runtime !== undefined) {
    runtimeOption(values.runtime as string);
  }
  const args = ["-c", LAUNCH, pythonPackageRoot(), command, positionals[0]!, ...argumentsOf(values, options)];
  const child = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...io.env } as NodeJS.ProcessEnv });
  child.stdout.on("data", (chunk: Buffer) => io.stdout.write(chunk as unknown as string));
  child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk as unknown as string));
  const stop = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = stop("SIGINT");
  const onTerm = stop("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  const feeding = (async () => {
    if (values.event === "-") for await (const chunk of io.stdin) child.stdin.write(chunk);
    child.stdin.end();
  })();
  try {
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (status, signal) => resolve(status ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1)));
    });
    await feeding;
    return code as ExitCode;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

export const run: Command = {
  usage: runUsage,
  options: runOptions as unknown as Command["options"],
  run: (positionals, values, io) => delegate("run", positionals, values, runOptions, io),
};

export const serve: Command = {
  usage: serveUsage,
  options: serveOptions as unknown as Command["options"],
  run: (positionals, values, io) => delegate("serve", positionals, values, serveOptions, io),
};
