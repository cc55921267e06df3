import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handWritten } from "../../../packages/validators/bench/hand-written-events.js";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { eventValues } from "./event-forms.js";

// The validators' benchmark measures the generated guards against hand-written checks: the ratio
// means something only if both check the same rules. On the fuzzer's values of each kind (samples,
// schema values and near misses), both give one verdict.
describe("the benchmark's hand-written event checks", () => {
  it.each(layoutEvents().map((event) => [event.kind] as const))("%s: the generated guard's verdict", async (kind) => {
    const hand = (handWritten as Record<string, (value: unknown) => boolean>)[kind];
    expect(hand, `packages/validators/bench/hand-written-events.js has no check of ${kind}`).toBeDefined();
    const { isEvent } = (await import(`@fc-context/validators/events/${kind}`)) as {
      isEvent: (value: unknown) => boolean;
    };
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(eventValues(kind), (value) => {
        expect(hand!(value)).toBe(isEvent(value));
        verdicts[isEvent(value) ? "valid" : "invalid"]++;
      }),
      { numRuns: 1000, seed: 11 },
    );
    expect(verdicts.valid).toBeGreaterThan(50);
    expect(verdicts.invalid).toBeGreaterThan(50);
  });
});
