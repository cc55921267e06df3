import { createRequire } from "node:module";
import { runtimeIds } from "@fc-context/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostile, type Json, validValue } from "./arbitraries.js";
import { isIssueList } from "./issues.js";

// The contract of every public entry point of the TypeScript packages, as their READMEs state it:
// whatever it is given (anything fast-check draws, null prototypes, proxies, throwing getters,
// cycles, BigInt, boxed values, typed arrays, huge and deep values, any of those at any path of a
// valid context), it returns a value of its declared type or throws its one documented error.
const RUNS = Number(process.env.FC_CONTEXT_CONTRACT_RUNS ?? 2000);
const SEED = 20261124;
const require = createRequire(import.meta.url);

interface ManifestField {
  readonly name: string;
  readonly view: boolean;
  readonly accepts: { readonly any: boolean; readonly types: readonly string[]; readonly classes: readonly string[] };
  readonly none: { readonly default: boolean; readonly concurrent: boolean };
}
interface ManifestRuntime {
  readonly id: string;
  readonly root: string;
  readonly classes: ReadonlyArray<{ readonly name: string; readonly fields: readonly ManifestField[] }>;
  /** The runtime's to_json() view, null where it has none. */
  readonly toJson: unknown;
}
const manifest = require("../../../packages/cli/gen/runtimes.json") as { runtimes: ManifestRuntime[] };

/**
 * Python's name for the type of a JSON value; an integral number past 2**53 - 1 may be a rounded int,
 * which no int attribute may hold.
 */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number")
    return Number.isSafeInteger(value) ? "int" : Number.isInteger(value) ? "an int past 2**53 - 1" : "float";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype ? "dict" : typeof value;
}

/** Every place where a built context holds a value of a type its runtime's spec does not allow. */
function wrongTypes(
  value: unknown,
  runtime: ManifestRuntime,
  path: "default" | "concurrent",
  className = runtime.root,
  at = "",
): string[] {
  const cls = runtime.classes.find((c) => c.name === className)!;
  if (pythonType(value) !== "dict") return [`${at || "/"}: ${pythonType(value)}, not ${className}`];
  const object = value as Record<string, unknown>;
  const fields = cls.fields.filter((f) => f.view);
  const out = Object.keys(object)
    .filter((key) => !fields.some((f) => f.name === key))
    .map((key) => `${at}/${key}: not an attribute`);
  for (const field of fields) {
    const item = object[field.name];
    const where = `${at}/${field.name}`;
    if (field.accepts.classes.length === 1)
      out.push(...wrongTypes(item, runtime, path, field.accepts.classes[0], where));
    else if (item === null ? !field.none[path] : !field.accepts.any && !field.accepts.types.includes(pythonType(item)))
      out.push(`${where}: ${pythonType(item)}`);
  }
  return out;
}

describe.each(manifest.runtimes.map((r) => [r.id, r] as const))(
  "the contracts of the TypeScript entry points on %s",
  (id, runtime) => {
    const load = async () => ({
      validators: await import(/* @vite-ignore */ `@fc-context/validators/${id}`),
      wire: await import(/* @vite-ignore */ `@fc-context/wire/${id}`),
      errors: await import("@fc-context/validators"),
    });
    const valid = validValue(require(`@fc-context/validators/${id}/schema.json`) as Record<string, unknown>);

    /** A guard returns a boolean, validate a result that agrees with it, assert nothing or the error. */
    function holdsValidatorContract(
      guard: (value: unknown) => unknown,
      validate: (value: unknown) => { ok: boolean; issues?: unknown },
      assert: (value: unknown) => unknown,
      values: fc.Arbitrary<unknown>,
      errorType: new (...args: never[]) => Error,
    ): void {
      fc.assert(
        fc.property(values, (value) => {
          const ok = guard(value);
          const result = validate(value);
          expect(typeof ok).toBe("boolean");
          expect(result.ok).toBe(ok);
          if (!result.ok) expect(isIssueList(result.issues)).toBe(true);
          try {
            expect(assert(value)).toBeUndefined();
            expect(ok).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(errorType);
            expect(ok).toBe(false);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }

    it(
      "validators: isFCContext returns a boolean, validateFCContext a result, assertFCContext nothing or " +
        "FCContextValidationError",
      async () => {
        const { validators, errors } = await load();
        const { isFCContext, validateFCContext, assertFCContext } = validators;
        holdsValidatorContract(
          isFCContext,
          validateFCContext,
          assertFCContext,
          hostile(valid),
          errors.FCContextValidationError,
        );
      },
    );

    it.skipIf(runtime.toJson === null)(
      "validators/json: isFCContextJSON returns a boolean, validateFCContextJSON a result, assertFCContextJSON " +
        "nothing or FCContextValidationError",
      async () => {
        const { wire, errors } = await load();
        const json = await import(/* @vite-ignore */ `@fc-context/validators/${id}/json`);
        const views = valid.map((context) => wire.toJsonView(context) as Json);
        const { isFCContextJSON, validateFCContextJSON, assertFCContextJSON } = json;
        const values = fc.oneof(views, hostile(views));
        holdsValidatorContract(
          isFCContextJSON,
          validateFCContextJSON,
          assertFCContextJSON,
          values,
          errors.FCContextValidationError,
        );
      },
    );

    it("wire: fromHeaders returns a context of the path's types or throws FCHeaderError", async () => {
      const { wire } = await load();
      const headers = valid.map((context) => wire.toHeaders(context) as Json);
      const inputs = fc.oneof(
        hostile(headers),
        headers.map((h) => Object.entries(h as Record<string, Json>)),
      );
      fc.assert(
        fc.property(inputs, fc.constantFrom("default", "concurrent"), (input, path) => {
          let built: unknown;
          try {
            built = wire.fromHeaders(input, { path });
          } catch (error) {
            expect(error).toBeInstanceOf(wire.FCHeaderError);
            expect(["error", "not-invoked", "unrepresentable", "input"]).toContain(
              (error as { outcome: string }).outcome,
            );
            expect(typeof (error as { header: string }).header).toBe("string");
            return;
          }
          expect(wrongTypes(built, runtime, path)).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    it(
      "wire: toHeaders, toJsonView and fromJsonView return their types for a valid argument and throw " +
        "FCContextValidationError for anything else",
      async () => {
        const { wire, validators, errors } = await load();
        const json =
          wire.toJsonView === undefined
            ? undefined
            : await import(/* @vite-ignore */ `@fc-context/validators/${id}/json`);
        fc.assert(
          fc.property(fc.oneof(valid, hostile(valid)), (value) => {
            const ok = validators.isFCContext(value);
            const calls: Array<[(v: unknown) => unknown, (out: unknown) => boolean]> = [
              [wire.toHeaders, (out) => Object.values(out as object).every((v) => typeof v === "string")],
              ...(wire.toJsonView === undefined
                ? []
                : [
                    [wire.toJsonView, (out: unknown) => json.isFCContextJSON(out)] as [
                      (v: unknown) => unknown,
                      (out: unknown) => boolean,
                    ],
                  ]),
            ];
            for (const [call, typed] of calls) {
              try {
                const out = call(value);
                expect(ok).toBe(true);
                expect(typed(out)).toBe(true);
              } catch (error) {
                expect(error).toBeInstanceOf(errors.FCContextValidationError);
                // a valid context can still hold a baggage no JSON can write (a cycle, a BigInt, a getter that throws)
                const unwritable = (error as { issues: Array<{ message: string }> }).issues.every((i) =>
                  i.message.includes("cannot be written as JSON"),
                );
                expect(ok === false || unwritable).toBe(true);
              }
            }
            if (wire.fromJsonView !== undefined) {
              try {
                expect(validators.isFCContext(wire.fromJsonView(value))).toBe(true);
              } catch (error) {
                expect(error).toBeInstanceOf(errors.FCContextValidationError);
              }
            }
          }),
          { numRuns: RUNS, seed: SEED },
        );
      },
    );

    it(
      "testing: fakeContext returns a valid context, or throws TypeError for an unknown runtime and " +
        "FCContextValidationError for bad overrides",
      async () => {
        const { fakeContext } = await import("@fc-context/testing");
        const { validators, errors } = await load();
        fc.assert(
          fc.property(
            fc.oneof(
              fc.constant(id),
              fc.constant("python3.6"),
              fc.anything({ withNullPrototype: true, withBoxedValues: true }),
            ),
            hostile(valid),
            (runtimeId, overrides) => {
              try {
                const context = fakeContext(runtimeId as never, overrides as never);
                expect(validators.isFCContext(context) || runtimeId !== id).toBe(true);
              } catch (error) {
                expect(
                  error instanceof TypeError || error instanceof errors.FCContextValidationError,
                  String(error),
                ).toBe(true);
              }
            },
          ),
          { numRuns: RUNS, seed: SEED },
        );
      },
    );
  },
);

describe("loadValidators", () => {
  it("resolves to a runtime's module, or rejects with TypeError", async () => {
    const { loadValidators } = await import("@fc-context/validators");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...runtimeIds),
          fc.anything({ withNullPrototype: true, withBoxedValues: true, withBigInt: true }),
        ),
        async (runtimeId) => {
          try {
            const module = await loadValidators(runtimeId as never);
            expect(typeof module.isFCContext).toBe("function");
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(TypeError);
            expect(String((error as Error).message)).toMatch(/^unknown FC runtime id /);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe("isRuntime and canonicalRuntime", () => {
  it("return a boolean and a canonical id or undefined, and agree, for anything", async () => {
    const { canonicalRuntime, isRuntime, runtimeAliases, runtimes } = await import("@fc-context/types");
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...runtimeIds), hostile(fc.constantFrom(...runtimeIds))), (id) => {
        const canonical = canonicalRuntime(id as string);
        const known = isRuntime(id);
        expect(typeof known).toBe("boolean");
        expect(known).toBe(canonical !== undefined);
        expect(known).toBe(typeof id === "string" && (runtimeIds as readonly string[]).includes(id));
        if (canonical !== undefined) {
          expect(runtimes).toContain(canonical);
          expect(canonical).toBe((runtimeAliases as Record<string, string>)[id as string] ?? id);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
