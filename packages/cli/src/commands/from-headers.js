import { EXIT, maskSecrets, paint, readJson, UsageError, write } from "../io.js";
import { onePositional, runtimeOption } from "../main.js";

const usage = `Usage: fc-context from-headers <file|-> --runtime <id> [--path default|concurrent] [--json]

Prints the context the runtime builds from an invocation's x-fc-* headers (a JSON object of
header names to values, or a list of [name, value] pairs in wire order) on an invocation path:
default (instance concurrency 1: an absent text header gives "", timeout and retry count are
parsed by the native client) or concurrent (above 1: an absent header gives null, the ints go
through int()). Secrets are masked. Exit 0 when the result is a valid context, 1 when it is not
(or the runtime would fail on the headers, or never run the handler), 2 on a usage error.`;

export const fromHeaders = {
  usage,
  options: { runtime: { type: "string" }, path: { type: "string" }, json: { type: "boolean" } },
  async run(positionals, values, io) {
    const source = onePositional(positionals, "file (or - for standard input)");
    const runtime = runtimeOption(values.runtime);
    const path = values.path ?? "default";
    if (path !== "default" && path !== "concurrent") throw new UsageError(`--path must be default or concurrent, got "${path}"`);
    const input = await readJson(source, io.stdin);
    const wire = await import(`@fc-context/wire/${runtime}`);
    const validators = await import(`@fc-context/validators/${runtime}`);
    let context = null;
    let issues = [];
    if (!input.ok) issues = [{ path: "", message: input.message, keyword: "json" }];
    else if (input.value === null || typeof input.value !== "object") issues = [{ path: "", message: "expected an object of header names to values, or [name, value] pairs", keyword: "type" }];
    else {
      try {
        context = wire.fromHeaders(input.value, { path });
        const result = validators.validateFCContext(context);
        issues = result.ok ? [] : result.issues;
      } catch (error) {
        if (!(error instanceof wire.FCHeaderError)) throw error;
        issues = [{ path: error.header, message: error.message.slice(error.header.length + 2), keyword: "header" }];
      }
    }
    const masked = context === null ? null : maskSecrets(context, wire.secretPaths);
    const valid = issues.length === 0;
    if (values.json) write(io.stdout, JSON.stringify({ runtime, valid, context: masked, issues }, null, 2));
    else {
      if (masked !== null) write(io.stdout, JSON.stringify(masked, null, 2));
      if (!valid) write(io.stderr, `${paint(io, "red", "not a valid")} ${runtime} context:\n${issues.map((issue) => `  ${issue.path || "(the value)"}: ${issue.message}`).join("\n")}`);
    }
    return valid ? EXIT.ok : EXIT.invalid;
  },
};
