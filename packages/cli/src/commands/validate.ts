import type { ValidationIssue, ValidationResult } from "@fc-context/validators";
import type { Command } from "../command.js";
import {
  EXIT,
  type ExitCode,
  forVerdict,
  InputError,
  type Io,
  isObject,
  paint,
  sourceName,
  UsageError,
  write,
} from "../io.js";
import { runtimeOption, withArticle } from "../options.js";
import { readJson } from "../read-json.js";
import { eventOption, validateEvents } from "./validate-event.js";
import { headerIssue, type WireModule } from "./wire-module.js";

const usage = `Usage: fc-context validate <file|->... --runtime <id> [--form attributes|json|headers] [--json]
       fc-context validate <file|->... --event <kind> [--json]

Checks contexts: their attribute view (the default; the shape of the TypeScript types), their
to_json() view (camelCase keys), or the x-fc-* headers the runtime builds them from. What
fc-context from-headers --json and fake print are attribute views too (from-headers' context is
checked; a document with none, from headers the runtime refuses, is invalid). One verdict
line per file, then every fault by JSON pointer; a secret's value is never printed. With --json:
an object per file ({file, valid, runtime, form, issues}), an array of them for several files.
Exit 0 when all are valid, 1 when one is not, 2 on a usage error or a file that cannot be read
or is not JSON (the others are still checked).

With --event: trigger events of a kind (timer, oss, mns-topic, tablestore, http-v1, ...: see the
error of an unknown one), read as the bytes the handler receives: JSON; for mns-topic, a JSON
object or else the message text; for tablestore, CBOR. Bytes that do not decode exit 2. With
--json an object per file is {file, valid, event, issues}.`;

const FORMS = ["attributes", "json", "headers"] as const;
type Form = (typeof FORMS)[number];
type Validate = (value: unknown) => ValidationResult<unknown>;

interface Verdict {
  readonly file: string;
  readonly valid: boolean;
  readonly runtime: string;
  readonly form: Form;
  readonly issues: readonly ValidationIssue[];
}

export const validate: Command = {
  usage,
  options: {
    runtime: { type: "string" },
    form: { type: "string", default: "attributes" },
    json: { type: "boolean" },
    event: { type: "string" },
  },
  async run(positionals, values, io) {
    if (positionals.length === 0) throw new UsageError("expected one or more files (or - for standard input)");
    if (values.event !== undefined) {
      if (values.runtime !== undefined) throw new UsageError("--event checks events, --runtime contexts: give one");
      if (values.form !== "attributes") throw new UsageError("--form is for contexts: an event's form is its kind's");
      return validateEvents(positionals, eventOption(values.event as string), values.json === true, io);
    }
    const runtime = runtimeOption(values.runtime as string | undefined);
    const form = values.form as Form;
    if (!FORMS.includes(form)) throw new UsageError(`--form must be attributes, json or headers, not "${form}"`);
    const check = await checker(runtime, form);
    const verdicts: Verdict[] = [];
    let unreadable = false;
    for (const source of positionals) {
      let value: unknown;
      try {
        value = forVerdict(await readJson(source, io.stdin));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        write(io.stderr, `fc-context validate: ${error.message}`);
        unreadable = true;
        continue;
      }
      const issues = form === "attributes" && isFromHeadersOutput(value) ? checkBuilt(value, check) : check(value);
      verdicts.push({ file: sourceName(source), valid: issues.length === 0, runtime, form, issues });
      const hint = issues.length > 0 ? formHint(value, form) : undefined;
      if (hint !== undefined) write(io.stderr, `hint: ${sourceName(source)} ${hint}`);
    }
    if (values.json === true)
      write(io.stdout, JSON.stringify(positionals.length === 1 ? (verdicts[0] ?? null) : verdicts, null, 2));
    else for (const verdict of verdicts) write(io.stdout, render(io, verdict));
    const code: ExitCode = unreadable ? EXIT.usage : verdicts.every((v) => v.valid) ? EXIT.ok : EXIT.invalid;
    return code;
  },
};

/** The check of one form, loaded once for every file. */
async function checker(runtime: string, form: Form): Promise<(value: unknown) => readonly ValidationIssue[]> {
  if (form === "json") {
    let validateJson: Validate;
    try {
      ({ validateFCContextJSON: validateJson } = (await import(
        /* @vite-ignore */ `@fc-context/validators/${runtime}/json`
      )) as { validateFCContextJSON: Validate });
    } catch {
      throw new UsageError(`${runtime} has no to_json() view: use --form attributes`);
    }
    return (value) => issuesOf(validateJson(value));
  }
  const { validateFCContext } = (await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`)) as {
    validateFCContext: Validate;
  };
  if (form === "attributes") return (value) => issuesOf(validateFCContext(value));
  const wire = (await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`)) as WireModule;
  return (value) => {
    if (!isObject(value) && !Array.isArray(value))
      return [
        { path: "", message: "expected an object of header names to values, or [name, value] pairs", keyword: "type" },
      ];
    try {
      return issuesOf(validateFCContext(wire.fromHeaders(value)));
    } catch (error) {
      return [headerIssue(wire, error)];
    }
  };
}

const issuesOf = (result: ValidationResult<unknown>): readonly ValidationIssue[] => (result.ok ? [] : result.issues);

/** What fc-context from-headers --json writes: {runtime, path, valid, context, issues}. */
function isFromHeadersOutput(value: unknown): value is Record<string, unknown> & { context: unknown } {
  if (!isObject(value)) return false;
  const keys = Object.keys(value).sort().join(",");
  return keys === "context,issues,path,runtime,valid";
}

/**
 * The issues of the context a from-headers document holds, at pointers into the document; when it
 * holds none, the headers built none, which is the one issue.
 */
function checkBuilt(
  document: { context: unknown },
  check: (value: unknown) => readonly ValidationIssue[],
): readonly ValidationIssue[] {
  if (document.context === null)
    return [{ path: "/context", message: "missing: the headers built no context", keyword: "required" }];
  return check(document.context).map((issue) => ({ ...issue, path: `/context${issue.path}` }));
}

/** When a value fails its form but looks like another form, which one to try. */
export function formHint(value: unknown, form: Form): string | undefined {
  if (!isObject(value)) return undefined;
  if (isFromHeadersOutput(value))
    return form === "attributes"
      ? undefined
      : "looks like fc-context from-headers --json output: try --form attributes";
  const keys = Object.keys(value);
  if (
    form !== "headers" &&
    keys.length > 0 &&
    keys.every((key) => /^x-fc-/i.test(key) || /^content-type$/i.test(key))
  ) {
    return "looks like x-fc-* request headers: try --form headers";
  }
  if (form !== "json" && ("requestId" in value || "accountId" in value) && !("request_id" in value)) {
    return "looks like a to_json() view (camelCase keys such as requestId): try --form json";
  }
  if (form !== "attributes" && "request_id" in value)
    return "looks like the attribute view (snake_case keys such as request_id): try --form attributes";
  return undefined;
}

function render(io: Io, verdict: Verdict): string {
  const what = `${withArticle(verdict.runtime)} context (${verdict.form})`;
  if (verdict.valid) return `${verdict.file}: ${paint(io, "green", "valid")}: ${what}`;
  const count = verdict.issues.length === 1 ? "1 issue" : `${verdict.issues.length} issues`;
  const lines = verdict.issues.map((issue) => `  ${issue.path || "(the value)"}: ${issue.message}`);
  return [`${verdict.file}: ${paint(io, "red", "invalid")}: not ${what}, ${count}:`, ...lines].join("\n");
}
