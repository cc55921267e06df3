// The forms both languages implement, each as: what to generate, what TypeScript makes of a case,
// and the same result shape the Python worker writes, so that the two compare as JSON.
import { createRequire } from "node:module";
import fc from "fast-check";
import { headerSets, type Json, nearValid, validValue } from "./arbitraries.js";
import { EVENT_FORMS, type EventFormName, eventForms } from "./event-forms.js";

export type FormName = "attributes" | "json" | "headers-default" | "headers-concurrent" | EventFormName;
/** The context's forms, then an event form per trigger kind. */
export const FORMS: readonly FormName[] = [
  "attributes",
  "json",
  "headers-default",
  "headers-concurrent",
  ...EVENT_FORMS,
];

export type Result =
  | { readonly issues: ReadonlyArray<readonly [string, string]> }
  | { readonly context: unknown; readonly headers?: unknown; readonly json?: unknown }
  | { readonly error: { readonly outcome: string; readonly header: string } }
  | { readonly value: unknown }
  | { readonly crash: string };

interface Issue {
  readonly path: string;
  readonly keyword: string;
}
type Validate = (value: unknown) => { ok: true } | { ok: false; issues: readonly Issue[] };

interface Wire {
  fromHeaders(headers: unknown, options: { path: "default" | "concurrent" }): unknown;
  toHeaders(context: unknown): Record<string, string>;
  toJsonView?(context: unknown): unknown;
  fromJsonView?(view: unknown): unknown;
  readonly secretPaths: ReadonlyArray<readonly string[]>;
  readonly FCHeaderError: new (...args: never[]) => Error & { header: string; outcome: string };
}

export interface Form {
  readonly name: FormName;
  readonly worker:
    | { readonly form: "attributes" | "json" | "headers"; readonly path?: "default" | "concurrent" }
    | { readonly form: "event"; readonly kind: string };
  readonly cases: fc.Arbitrary<unknown>;
  run(input: unknown): Result;
}

const require = createRequire(import.meta.url);

let events: Promise<Form[]> | undefined;

/**
 * The forms a runtime has (python3.12 has no to_json() view), and the event forms, which every
 * runtime's interpreter runs: events are parsed alike in every runtime.
 */
export async function formsOf(runtime: string): Promise<Form[]> {
  const validators = (await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`)) as {
    validateFCContext: Validate;
  };
  const wire = (await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`)) as Wire;
  const schema = require(`@fc-context/validators/${runtime}/schema.json`) as Record<string, unknown>;
  const valid = validValue(schema);
  const attributeCases = fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 3, arbitrary: nearValid(valid, wire.secretPaths) },
  );
  const forms: Form[] = [
    {
      name: "attributes",
      worker: { form: "attributes" },
      cases: attributeCases,
      run: (input) => verdict(validators.validateFCContext(input), () => written(wire, input)),
    },
  ];
  if (wire.toJsonView !== undefined) {
    const { validateFCContextJSON } = (await import(/* @vite-ignore */ `@fc-context/validators/${runtime}/json`)) as {
      validateFCContextJSON: Validate;
    };
    const views = valid.map((context) => wire.toJsonView!(context) as Json);
    const jsonSecrets = [
      ["credentials", "accessKeySecret"],
      ["credentials", "securityToken"],
    ];
    const cases = fc.oneof({ weight: 1, arbitrary: views }, { weight: 3, arbitrary: nearValid(views, jsonSecrets) });
    forms.push({
      name: "json",
      worker: { form: "json" },
      cases,
      run: (input) =>
        verdict(validateFCContextJSON(input), () => {
          const context = wire.fromJsonView!(input);
          return { context, json: wire.toJsonView!(context) };
        }),
    });
  }
  const headers = headerSets(valid.map((context) => wire.toHeaders(context)));
  for (const path of ["default", "concurrent"] as const) {
    forms.push({
      name: `headers-${path}`,
      worker: { form: "headers", path },
      cases: headers,
      run: (input) => built(wire, input, path),
    });
  }
  events ??= eventForms() as Promise<Form[]>;
  return [...forms, ...(await events)];
}

/**
 * A view's issues, or what TypeScript makes of it: Python builds a context from a valid view, and
 * what that context holds must be what TypeScript reads the view as.
 */
function verdict(result: ReturnType<Validate>, accepted: () => Result): Result {
  if (result.ok) return accepted();
  return { issues: result.issues.map((issue) => [issue.path, issue.keyword] as const) };
}

/** A valid attribute view with the headers and the to_json() view it is written as, both ways. */
function written(wire: Wire, context: unknown): Result {
  return {
    context,
    headers: wire.toHeaders(context),
    ...(wire.toJsonView !== undefined && { json: wire.toJsonView(context) }),
  };
}

function built(wire: Wire, input: unknown, path: "default" | "concurrent"): Result {
  try {
    return { context: wire.fromHeaders(input, { path }) };
  } catch (error) {
    if (error instanceof wire.FCHeaderError) return { error: { outcome: error.outcome, header: error.header } };
    return { crash: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/**
 * Python's result as TypeScript should give it: where Python built a context holding an int past
 * 2**53 - 1 and TypeScript refused it as "unrepresentable", naming a header that carries one, the two
 * agree (TypeScript refuses rather than rounds); any other result of Python's stands as it is, so a
 * context TypeScript built from those headers, rounded, disagrees.
 */
export function reconcile(typescript: Result, python: unknown): unknown {
  const inexact = (python as { inexact?: unknown } | null)?.inexact;
  if (!("error" in typescript) || typescript.error.outcome !== "unrepresentable" || !Array.isArray(inexact))
    return python;
  return inexact.includes(typescript.error.header) ? typescript : python;
}

/** A result as comparable text: issues as a sorted set, keys sorted, floats JSON cannot hold marked. */
export function canonical(result: unknown): string {
  const normalized = normalize(result);
  return JSON.stringify(normalized);
}

function normalize(value: unknown, key?: string): unknown {
  if (typeof value === "number") {
    // as the worker marks an int past 2**53 - 1 (it reads one from the digits JSON.stringify wrote)
    if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21)
      return { __int__: String(value) };
    if (Number.isNaN(value)) return { __float__: "nan" };
    if (!Number.isFinite(value)) return { __float__: value > 0 ? "inf" : "-inf" };
    return value === 0 ? 0 : value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item));
    if (key === "issues") {
      const unique = [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
      return unique.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
    return items;
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalize((value as Record<string, unknown>)[k], k)]),
    );
  }
  return value;
}
