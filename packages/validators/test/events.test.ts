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

describe("decoding an event's bytes", () => {
  const encoder = new TextEncoder();

  it("reads CBOR as a Tablestore trigger sends it: int64 exactly, byte strings, halves, indefinite items", async () => {
    const { parseEvent } = await loadEventValidators("tablestore" as never);
    const text = (value: string) => [0x60 + value.length, ...encoder.encode(value)];
    // {"Version": "v", "Records": [{"Type": "PutRow", "Info": {"Timestamp": 16909060},
    //   "PrimaryKey": [{"ColumnName": "k", "Value": 2**60}, {"ColumnName": "b", "Value": h'00ff'}],
    //   "Columns": (indefinite) []}]}
    const bytes = Uint8Array.from([
      ...[0xa2, ...text("Version"), ...text("v"), ...text("Records"), 0x81, 0xa4, ...text("Type"), ...text("PutRow")],
      ...[...text("Info"), 0xa1, ...text("Timestamp"), 0x1a, 1, 2, 3, 4, ...text("PrimaryKey"), 0x82],
      ...[0xa2, ...text("ColumnName"), ...text("k"), ...text("Value"), 0x1b, 0x10, 0, 0, 0, 0, 0, 0, 0],
      ...[0xa2, ...text("ColumnName"), ...text("b"), ...text("Value"), 0x42, 0x00, 0xff],
      ...[...text("Columns"), 0x9f, 0xff],
    ]);
    expect(parseEvent(bytes)).toEqual({
      ok: true,
      value: {
        Version: "v",
        Records: [
          {
            Type: "PutRow",
            Info: { Timestamp: 16909060 },
            PrimaryKey: [
              { ColumnName: "k", Value: 2n ** 60n },
              { ColumnName: "b", Value: Uint8Array.from([0, 255]) },
            ],
            Columns: [],
          },
        ],
      },
    });
  });

  it.each([
    ["empty", []],
    ["truncated head", [0x1b, 0, 0]],
    ["text past the end", [0x7a, 0xff, 0xff, 0xff, 0xff]],
    ["array past the end", [0x9b, 0, 0, 0, 1, 0, 0, 0, 0]],
    ["map past the end", [0xba, 0x7f, 0xff, 0xff, 0xff]],
    ["endless indefinite array", [0x9f, 0x9f, 0x9f]],
    ["break outside", [0xff]],
    ["key not text", [0xa1, 0x01, 0x02]],
    ["text not UTF-8", [0x62, 0xc3, 0x28]],
    ["bytes after the item", [0x00, 0x00]],
    ["reserved info", [0x1c]],
    ["deep nesting", [...new Array(100000).fill(0x81), 0x00]],
  ])("refuses hostile CBOR (%s) with one issue, never a throw", async (_name, bytes) => {
    const { parseEvent } = await loadEventValidators("tablestore" as never);
    const result = parseEvent(Uint8Array.from(bytes as number[]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ path: "", keyword: "read" });
      expect(result.issues[0]!.message).toMatch(/^not CBOR: /);
    }
  });

  it("reads a Tablestore event sent as JSON text, as a console test sends it; other bytes stay CBOR", async () => {
    const { parseEvent } = await loadEventValidators("tablestore" as never);
    const event = { Version: "Sync-v1", Records: [] };
    for (const text of [JSON.stringify(event), ` \n${JSON.stringify(event)}`, `\ufeff${JSON.stringify(event)}`])
      expect(parseEvent(encoder.encode(text))).toEqual({ ok: true, value: event });
    // "[" is no object, so the bytes are read as CBOR (0x5b: a byte string of 27 bytes) and refused
    const result = parseEvent(encoder.encode("[]"));
    expect(result.ok || result.issues[0]!.message).toMatch(/^not CBOR: /);
  });

  it("reads JSON bytes, skips a byte order mark, and never quotes bytes that are not JSON", async () => {
    const { parseEvent } = await loadEventValidators("timer" as never);
    const event = { triggerTime: "t", triggerName: "n", payload: "é" };
    expect(parseEvent(encoder.encode(`\ufeff${JSON.stringify(event)}`))).toEqual({ ok: true, value: event });
    for (const text of ['{"triggerTime": "secret-2023', "[".repeat(100000), '{"a": NaN}'])
      expect(parseEvent(encoder.encode(text))).toEqual({
        ok: false,
        issues: [{ path: "", keyword: "read", message: "not JSON" }],
      });
    expect(parseEvent(Uint8Array.from([0x7b, 0xff, 0x7d])).ok).toBe(false);
    expect(parseEvent("a string" as never).ok).toBe(false);
  });

  it("reads an MNS topic body that is no JSON object as the message text", async () => {
    const { parseEvent } = await loadEventValidators("mns-topic" as never);
    expect(parseEvent(encoder.encode("hello topic"))).toEqual({ ok: true, value: "hello topic" });
    expect(parseEvent(encoder.encode("42"))).toEqual({ ok: true, value: "42" });
  });
});

describe("answering an HTTP-style trigger", () => {
  it("builds the response a handler returns: text as it is, bytes as base64, values as JSON", async () => {
    const http = await import("@fc-context/validators/events/http-v1");
    expect(http.httpTriggerResponse("hello")).toEqual({
      statusCode: 200,
      headers: {},
      isBase64Encoded: false,
      body: "hello",
    });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const binary = http.httpTriggerResponse(bytes, { statusCode: 201, headers: { "Content-Type": "image/png" } });
    expect(binary).toMatchObject({ statusCode: 201, isBase64Encoded: true, headers: { "Content-Type": "image/png" } });
    expect(http.httpTriggerResponseBody(binary)).toEqual(bytes);
    expect(http.httpTriggerResponse({ ok: true, n: [1] })).toEqual({
      statusCode: 200,
      headers: { "Content-Type": "application/json" },
      isBase64Encoded: false,
      body: '{"ok":true,"n":[1]}',
    });
    // a content type the caller names is kept, whatever its case
    expect(http.httpTriggerResponse([], { headers: { "content-type": "text/json" } }).headers).toEqual({
      "content-type": "text/json",
    });
    expect(() => http.httpTriggerResponse("x", { statusCode: 200.5 })).toThrow(http.EventValidationError);
    expect(() => http.httpTriggerResponse(() => 1 as never)).toThrow(/a response body must be a string/);
    expect(http.validateHttpTriggerResponse({ statusCode: "200" })).toEqual({
      ok: false,
      issues: [{ path: "/statusCode", keyword: "type", message: expect.stringMatching(/integer/) }],
    });
  });

  it("reads a request's body bytes, base64 or text, and refuses base64 that is not", async () => {
    const http = await import("@fc-context/validators/events/http-v1");
    const gateway = await import("@fc-context/validators/events/apigateway");
    const text = new TextEncoder();
    expect(http.httpTriggerEventBody({ body: "aGk=", isBase64Encoded: true })).toEqual(text.encode("hi"));
    expect(http.httpTriggerEventBody({ body: "aGk", isBase64Encoded: true })).toEqual(text.encode("hi"));
    expect(http.httpTriggerEventBody({ body: "é", isBase64Encoded: false })).toEqual(text.encode("é"));
    // API Gateway samples write the flag as a string
    expect(gateway.apiGatewayEventBody({ body: "aGk=", isBase64Encoded: "true" })).toEqual(text.encode("hi"));
    expect(() => http.httpTriggerEventBody({ body: "secret!!", isBase64Encoded: true })).toThrow(
      expect.objectContaining({ issues: [{ path: "/body", keyword: "contentEncoding", message: "not base64" }] }),
    );
    expect(gateway.apiGatewayResponse("x")).toEqual({
      statusCode: 200,
      headers: {},
      isBase64Encoded: false,
      body: "x",
    });
    expect(gateway.isApiGatewayResponse({ statusCode: 200, body: "x" })).toBe(false);
  });
});

describe("integers JSON.parse would round", () => {
  it("are read exactly, as BigInt, as Python's json reads them, and validate as integers", async () => {
    const { parseEvent, isEvent } = await loadEventValidators("oss" as never);
    const sample = readSamples("oss").find((s) => s.verdict === "valid")!.value;
    const text = JSON.stringify(sample).replace(/"size":\d+/, '"size":1152921504606846977');
    const result = parseEvent(new TextEncoder().encode(text));
    expect(result.ok).toBe(true);
    const record = result.ok ? (result.value as { events: [{ oss: { object: { size: unknown } } }] }).events[0] : null;
    expect(record?.oss.object.size).toBe(1152921504606846977n);
    expect(isEvent(result.ok && result.value)).toBe(true);
    // 16 digits that fit, a fraction and an exponent stay numbers
    const fits = text.replace("1152921504606846977", "1000000000000000");
    expect(parseEvent(new TextEncoder().encode(fits))).toMatchObject({ ok: true });
  });

  it("leave every other JSON text as JSON.parse reads it, and refuse what it refuses", async () => {
    const { parseJsonExact } = await import("../gen/events/runtime.js");
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        // the same value, but for an integer past 2**53 - 1: the BigInt of its digits, where JSON.parse rounds
        const rounded = JSON.stringify(parseJsonExact(text), (_key, v) => (typeof v === "bigint" ? Number(v) : v));
        expect(JSON.parse(rounded)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300, seed: 5 },
    );
    for (const bad of ["", "{", "[1,]", '{"a":1,}', "01", "1.", '"\u0001"', "tru", "[1] 2", "'a'", "NaN", "-"])
      expect(() => parseJsonExact(bad), bad).toThrow(SyntaxError);
    expect(() => parseJsonExact(`${"[".repeat(300)}${"]".repeat(300)}`)).toThrow(SyntaxError);
    expect(Object.hasOwn(parseJsonExact('{"__proto__": 1}') as object, "__proto__")).toBe(true);
  });
});
