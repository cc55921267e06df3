import { fakeContext } from "@fc-context/testing";
import { runtimeIds } from "@fc-context/types";
import { FCContextValidationError } from "@fc-context/validators";
import { describe, expect, it } from "vitest";
import { layoutRuntimes, runtimeOfId } from "../../../spec/read-layout.mjs";

// every id the spec has, aliases included
const runtimes = runtimeIds;

describe("fakeContext", () => {
  it.each(runtimes)("%s: is valid for its runtime, with a fresh request id each call", async (runtime) => {
    const { isFCContext } = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`);
    const first = fakeContext(runtime);
    const second = fakeContext(runtime);
    expect(isFCContext(first)).toBe(true);
    expect(first.request_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{12}$/);
    expect(second.request_id).not.toBe(first.request_id);
    // a runtime of another model (the layout says which share one) refuses it
    const own = runtimeOfId(runtime)!;
    const other = layoutRuntimes().find((r) => r.model !== own.model)!.id;
    expect((await import(/* @vite-ignore */ `@fc-context/validators/${other}`)).isFCContext(first)).toBe(false);
  });

  it("merges nested overrides and keeps the rest of the defaults", () => {
    const context = fakeContext("python3.9", {
      function: { memory: 1024 },
      region: "cn-hangzhou",
      tracing: { span_baggages: { k: "v" } },
    });
    expect(context.function.memory).toBe(1024);
    expect(context.function.handler).toBe(fakeContext("python3.9").function.handler);
    expect(context.region).toBe("cn-hangzhou");
    expect(context.tracing.span_baggages).toEqual({ k: "v" });
    expect(fakeContext("python3.9", { request_id: "fixed" }).request_id).toBe("fixed");
  });

  it("rejects an override the runtime could not produce, and unknown runtime ids", () => {
    expect(() => fakeContext("python3.9", { function: { memory: 0 } })).toThrow(FCContextValidationError);
    expect(() => fakeContext("python3.9", { log_project: "p" } as never)).toThrow(/log_project/);
    expect(() => fakeContext("python2.7" as "python3")).toThrow(/unknown FC runtime id "python2.7"/);
  });

  it("does not share state between calls", () => {
    const a = fakeContext("python3", { tracing: { span_baggages: { k: "v" } } });
    a.function.memory = 64;
    expect(fakeContext("python3").function.memory).not.toBe(64);
    expect(fakeContext("python3").tracing.span_baggages).toEqual({});
  });

  it("keeps every override an own property, so no override reaches a prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "function": {"__proto__": {"memory": 1}}}') as Record<
      string,
      unknown
    >;
    expect(() => fakeContext("python3.9", hostile as never)).toThrow(
      /unexpected: FCContext on python3.9 has no attribute "__proto__"/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("memory");
  });
});
