import { EventValidationError, eventKinds, loadEventValidators } from "@fc-context/validators/events";
import { describe, expect, it } from "vitest";
import { nearMisses, readSamples } from "../../../spec/events/read-samples.mjs";
import { layoutEvents } from "../../../spec/read-layout.mjs";
import { stringsIn } from "./vectors.js";

// Every published sample of every trigger event kind (spec/events/samples) gets its recorded
// verdict: a valid event, or a named vendor error whose text is not JSON or whose value the kind
// refuses. Then near misses of each valid sample: a required member taken away, a member of the
// wrong type, each reported at its pointer, with no string of the event in any message.
const kinds = layoutEvents().map((event) => event.kind);

describe("the event validators", () => {
  it("cover every kind of the layout, and refuse an unknown one by name", async () => {
    expect([...eventKinds]).toEqual(kinds);
    await expect(loadEventValidators("s3" as never)).rejects.toThrow(/unknown event kind "s3": expected one of/);
  });
});

describe.each(kinds)("@fc-context/validators/events/%s", (kind) => {
  const samples = readSamples(kind);

  it("has samples", () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples.map((s) => [s.name, s] as const))("gives %s its recorded verdict", async (_name, sample) => {
    const validators = await loadEventValidators(kind as never);
    if (sample.verdict === "valid") {
      expect(validators.isEvent(sample.value)).toBe(true);
      expect(validators.validateEvent(sample.value)).toEqual({ ok: true, value: sample.value });
      return;
    }
    expect(sample.verdict.vendorError.length).toBeGreaterThan(10);
    if (sample.value === undefined) {
      // published text that is not JSON: no handler could decode it
      expect(() => JSON.parse(sample.bytes!.toString("utf8"))).toThrow(SyntaxError);
      if (sample.event_lenient !== undefined) expect(validators.isEvent(sample.event_lenient)).toBe(true);
      return;
    }
    expect(validators.isEvent(sample.value)).toBe(false);
    const result = validators.validateEvent(sample.value);
    expect(result.ok).toBe(false);
    expect(() => validators.assertEvent(sample.value)).toThrow(EventValidationError);
  });

  it("reports each near miss of a valid sample at its pointer, and never a string of the event", async () => {
    const validators = await loadEventValidators(kind as never);
    for (const sample of samples.filter((s) => s.verdict === "valid" && typeof s.value === "object")) {
      let refused = 0;
      const misses = nearMisses(sample.value);
      for (const [pointer, broken] of misses) {
        const result = validators.validateEvent(broken);
        expect(result.ok, `${sample.name} ${pointer}`).toBe(validators.isEvent(broken));
        if (result.ok) continue;
        refused++;
        expect(
          result.issues.map((issue) => issue.path),
          `${sample.name} ${pointer}`,
        ).toContain(pointer);
        const strings = stringsIn(broken).filter((text) => text.length >= 6);
        for (const issue of result.issues) for (const text of strings) expect(issue.message).not.toContain(text);
      }
      // an event with members has some the kind cannot do without (a batch of JSON texts has none)
      if (misses.length > 0) expect(refused, sample.name).toBeGreaterThan(0);
    }
  });
});
