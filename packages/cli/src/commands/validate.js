import { EXIT, UsageError, paint, readJson, write } from "../io.js";
import { onePositional, runtimeOption } from "../main.js";

const usage = `Usage: fc-context validate <file|-> --runtime <id> [--form attributes|json|headers] [--json]

Checks a context: its attribute view (the default; the shape of the TypeScript types), its
to_json() view (camelCase keys), or the x-fc-* headers the runtime builds it from.
Prints every fault by JSON pointer; never prints a secret. Exit 0 valid, 1 invalid, 2 usage error.`;

export const validate = {
  usage,
  options: { runtime: { type: "string" }, form: { type: "string", default: "attributes" }, json: { type: "boolean" } },
  async run(positionals, values, io) {
    const source = onePositional(positionals, "file (or - for standard input)");
    const runtime = runtimeOption(values.runtime);
    const form = values.form;
    if (!["attributes", "json", "headers"].includes(form)) throw new UsageError(`--form must be attributes, json or headers, not "${form}"`);
    const input = await readJson(source, io.stdin);
    let issues;
    if (!input.ok) issues = [{ path: "", message: input.message, keyword: "json" }];
    else if (form === "json") {
      let validators;
      try {
        validators = await import(`@fc-context/validators/${runtime}/json`);
      } catch {
        throw new UsageError(`${runtime} has no to_json() view: use --form attributes`);
      }
      const result = validators.validateFCContextJSON(input.value);
      issues = result.ok ? [] : result.issues;
    } else {
      const validators = await import(`@fc-context/validators/${runtime}`);
      let value = input.value;
      issues = [];
      if (form === "headers") {
        const wire = await import(`@fc-context/wire/${runtime}`);
        if (value === null || typeof value !== "object" || Array.isArray(value)) issues = [{ path: "", message: "expected an object of header names to values", keyword: "type" }];
        else {
          try {
            value = wire.fromHeaders(value);
          } catch (error) {
            if (!(error instanceof wire.FCHeaderError)) throw error;
            issues = [{ path: error.header, message: error.message.slice(error.header.length + 2), keyword: "header" }];
          }
        }
      }
      if (issues.length === 0) {
        const result = validators.validateFCContext(value);
        issues = result.ok ? [] : result.issues;
      }
    }
    const valid = issues.length === 0;
    if (values.json) write(io.stdout, JSON.stringify({ valid, runtime, form, issues }, null, 2));
    else if (valid) write(io.stdout, `${paint(io, "green", "valid")}: a ${runtime} context (${form})`);
    else write(io.stdout, `${paint(io, "red", "invalid")}: not a ${runtime} context (${form}), ${issues.length === 1 ? "1 issue" : `${issues.length} issues`}:\n${issues.map((issue) => `  ${issue.path || "(the value)"}: ${issue.message}`).join("\n")}`);
    return valid ? EXIT.ok : EXIT.invalid;
  },
};
