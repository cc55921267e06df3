import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { hostile } from "./arbitraries.js";
import { eventValues } from "./event-forms.js";
import { isIssueList } from "./issues.js";

// The contract of the event entry points, as the validators' and testing's READMEs state it: for
// anything (hostile values at any path of an event, any bytes, anything that is not bytes),
// is<Event> returns a boolean, validate<Event> and parse<Event> a result with an event or issues,
// assert<Event> nothing or EventValidationError; fakeEvent an event or its documented errors; the
// HTTP response builders a response or their documented errors. None hangs or crashes.
const RUNS = Number(process.env.FC_CONTEXT_CONTRACT_RUNS ?? 500);
const SEED = 20261205;

type Issue = { path: string; message: string; keyword: string };
type Result = { ok: true; value: unknown } | { ok: false; issues: Issue[] };
interface KindModule {
  isEvent(value: unknown): boolean;
  validateEvent(value: unknown): Result;
  assertEvent(value: unknown): void;
  parseEvent(bytes: unknown): Result;
  EventValidationError: new (...args: never[]) => Error;
  [name: string]: unknown;
}

function isResult(result: Result, is: (value: unknown) => boolean): boolean {
  return result.ok ? is(result.value) : isIssueList(result.issues);
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.string({ maxLength: 64, unit: "binary" }).map((text) => new TextEncoder().encode(text)),
  fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc.nat({ max: 300 }).map((depth) => new TextEncoder().encode(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
  fc.constantFrom(new Uint8Array([0xbf]), new Uint8Array([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
);

describe.each(layoutEvents().map((event) => [event.kind, event] as const))("events/%s", (kind) => {
  const load = () => import(/* @vite-ignore */ `@fc-context/validators/events/${kind}`) as Promise<KindModule>;

  it("is, validate and assert take anything: a boolean, a result, nothing or EventValidationError", async () => {
    const module = await load();
    fc.assert(
      fc.property(fc.oneof(eventValues(kind), hostile(eventValues(kind))), (value) => {
        const is = module.isEvent(value);
        expect(typeof is).toBe("boolean");
        const result = module.validateEvent(value);
        expect(isResult(result, module.isEvent)).toBe(true);
        expect(result.ok).toBe(is);
        try {
          module.assertEvent(value);
          expect(is).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(module.EventValidationError);
          expect(is).toBe(false);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("parse takes any bytes, and anything that is not bytes: a result, never a throw", async () => {
    const module = await load();
    fc.assert(
      fc.property(fc.oneof(bytes, fc.anything({ withBigInt: true, withBoxedValues: true })), (input) => {
        const result = module.parseEvent(input);
        expect(isResult(result, module.isEvent)).toBe(true);
        if (!(input instanceof Uint8Array)) expect(result).toMatchObject({ ok: false, issues: [{ keyword: "read" }] });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("fakeEvent returns an event of the kind, or throws TypeError or EventValidationError", async () => {
    const { fakeEvent } = await import("@fc-context/testing");
    const module = await load();
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(kind), fc.anything({ withNullPrototype: true })),
        hostile(eventValues(kind)),
        (which, overrides) => {
          try {
            const event = fakeEvent(which as never, overrides as never);
            expect(which === kind ? module.isEvent(event) : true).toBe(true);
          } catch (error) {
            expect(error instanceof TypeError || error instanceof module.EventValidationError, String(error)).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe.each(
  layoutEvents()
    .filter((event) => event.response !== undefined)
    .map((event) => [event.kind, event] as const),
)("events/%s responses", (kind, event) => {
  it("the builder returns a valid response, or throws TypeError or EventValidationError", async () => {
    const module = (await import(/* @vite-ignore */ `@fc-context/validators/events/${kind}`)) as KindModule;
    const name = event.response!;
    const build = module[`${name.charAt(0).toLowerCase()}${name.slice(1)}`] as (
      body: unknown,
      init: unknown,
    ) => unknown;
    const valid = module[`is${name}`] as (value: unknown) => boolean;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array(),
          fc.jsonValue(),
          fc.anything({ withBigInt: true, withBoxedValues: true }),
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.record({ statusCode: fc.integer({ min: 100, max: 599 }) }),
          fc.anything({ withNullPrototype: true }),
        ),
        (body, init) => {
          try {
            expect(valid(build(body, init))).toBe(true);
          } catch (error) {
            expect(error instanceof TypeError || error instanceof module.EventValidationError, String(error)).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
