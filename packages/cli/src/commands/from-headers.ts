import type { ValidationIssue, ValidationResult } from "@fc-context/validators";
import type { Command } from "../command.js";
import { EXIT, forVerdict, isObject, maskSecrets, paint, sourceName, UsageError, write } from "../io.js";
import { onePositional, runtimeOption, withArticle } from "../options.js";
import { readJson } from "../read-json.js";
import { headerIssue, loadWire } from "./wire-module.js";

const usage = `Usage: fc-context from-headers <file|-> --runtime <id> [--path default|concurrent] [--json]

Prints the context the runtime builds from an invocation's x-fc-* headers (a JSON object of
header names to values, or a list of [name, value] pairs in wire order) on an invocation path:
default (instance concurrency 1: an absent text header gives "", timeout and retry count are
parsed by the native client) or concurrent (above 1: an absent header gives null, the ints go
through int()). Then a verdict line: whether that is a valid context, or why the runtime would
fail or never run the handler. Secrets are masked. With --json: {runtime, path, valid, context,
issues}. Exit 0 valid, 1 not, 2 on a usage error or input that cannot be read or is not JSON.`;

export const fromHeaders: Command = {
  usage,
  options: { runtime: { type: "string" }, path: { type: "string" }, json: { type: "boolean" } },
  async run(positionals, values, io) {
    const source = onePositional(positionals, "file (or - for standard input)");
    const runtime = runtimeOption(values.runtime as string | undefined);
    const path = (values.path as string | undefined) ?? "default";
    if (path !== "default" && path !== "concurrent")
      throw new UsageError(`--path must be default or concurrent, not "${path}"`);
    // header values are text: a number among them, rounded or not, is refused as input
    const input = forVerdict(await readJson(source, io.stdin));
    const wire = await loadWire(runtime);
    const { validateFCContext } = (await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`)) as {
      validateFCContext: (value: unknown) => ValidationResult<unknown>;
    };
    let context: unknown = null;
    let issues: readonly ValidationIssue[];
    if (!isObject(input) && !Array.isArray(input))
      issues = [
        { path: "", message: "expected an object of header names to values, or [name, value] pairs", keyword: "type" },
      ];
    else {
      try {
        context = wire.fromHeaders(input, { path });
        const result = validateFCContext(context);
        issues = result.ok ? [] : result.issues;
      } catch (error) {
        issues = [headerIssue(wire, error)];
      }
    }
    const masked = context === null ? null : maskSecrets(context, wire.secretPaths);
    const valid = issues.length === 0;
    if (values.json === true)
      write(io.stdout, JSON.stringify({ runtime, path, valid, context: masked, issues }, null, 2));
    else {
      if (masked !== null) write(io.stdout, JSON.stringify(masked, null, 2));
      const what = `${withArticle(runtime)} context, built from ${sourceName(source)} on the ${path} path`;
      if (valid) write(io.stdout, `${paint(io, "green", "valid")}: ${what}`);
      else
        write(
          io.stdout,
          [
            `${paint(io, "red", "invalid")}: not ${what}:`,
            ...issues.map((i) => `  ${i.path || "(the value)"}: ${i.message}`),
          ].join("\n"),
        );
    }
    return valid ? EXIT.ok : EXIT.invalid;
  },
};
