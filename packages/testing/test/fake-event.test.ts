import { fakeEvent } from "@fc-context/testing";
import { EventValidationError, loadEventValidators } from "@fc-context/validators/events";
import { describe, expect, it } from "vitest";
import { layoutEvents } from "../../../spec/read-layout.mjs";

// fakeEvent: a valid event of every kind, overrides merged in and checked, fresh copies each call.
describe("fakeEvent", () => {
  it.each(layoutEvents().map((event) => event.kind))("gives a valid %s event, a fresh copy each call", async (kind) => {
    const { isEvent } = await loadEventValidators(kind as never);
    const event = fakeEvent(kind as never);
    expect(isEvent(event)).toBe(true);
    expect(fakeEvent(kind as never)).not.toBe(event);
    expect(fakeEvent(kind as never)).toEqual(event);
  });

  it("merges overrides into the example, and refuses what makes it invalid", () => {
    const timer = fakeEvent("timer", { payload: "nightly" });
    expect(timer.payload).toBe("nightly");
    expect(typeof timer.triggerName).toBe("string");
    const http = fakeEvent("http-v1", { requestContext: { http: { method: "POST" } } });
    expect(http.requestContext.http.method).toBe("POST");
    expect(http.requestContext.http.path).toBe(fakeEvent("http-v1").requestContext.http.path);
    expect(() => fakeEvent("timer", { payload: 5 as never })).toThrow(EventValidationError);
    expect(() => fakeEvent("oss", { events: [] as never })).toThrow(/\/events: expected at least 1 item/);
  });

  it("replaces an event that is no object with the overrides: a batch, a text", () => {
    expect(fakeEvent("mns-topic", "hello topic")).toBe("hello topic");
    const batch = fakeEvent("eventbridge-mqtt");
    expect(fakeEvent("eventbridge-mqtt", [batch[0]!, batch[0]!])).toHaveLength(2);
  });

  it("names the kinds when given one there is not", () => {
    expect(() => fakeEvent("s3" as never)).toThrow(/^unknown event kind "s3": expected one of apigateway, /);
    expect(() => fakeEvent(5 as never)).toThrow(TypeError);
  });
});
