import { createRequire } from "node:module";
import { runtimes } from "@fc-context/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerSets, hostile, type Json, nearValid, validValue } from "./arbitraries.js";
import { styleProblem } from "./style.js";

// Every message the TypeScript side gives about a bad value, as the fuzzers provoke them, follows
// the style guide (MESSAGES.md): validators in both views, header errors, toHeaders, fakeContext.
const require = createRequire(import.meta.url);
const RUNS = 1500;

describe("the message style guide", () => {
  it("knows a good message from a bad one", () => {
    expect(styleProblem("expected a string, got the integer 5")).toBeUndefined();
    expect(styleProblem('missing: every FCContext on python3.9 has the attribute "region"')).toBeUndefined();
    expect(styleProblem("expected a FCContext object, got an array")).toMatch(/forbidden/);
    expect(styleProblem("Expected a string.")).toMatch(/none of the guide's shapes/);
  });

  it.each([...runtimes])("holds for every message on %s", async (runtime) => {
    const validators = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}`);
    const wire = await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`);
    const { fakeContext } = await import("@fc-context/testing");
    const valid = validValue(require(`@fc-context/validators/${runtime}/schema.json`) as Record<string, unknown>);
    const messages = new Set<string>();
    const collect = (issues: ReadonlyArray<{ message: string }>) => {
      for (const issue of issues) messages.add(issue.message);
    };
    for (const value of fc.sample(fc.oneof(hostile(valid), nearValid(valid, wire.secretPaths)), {
      numRuns: RUNS,
      seed: 7,
    })) {
      const result = validators.validateFCContext(value);
      if (!result.ok) collect(result.issues);
      try {
        wire.toHeaders(value);
      } catch (error) {
        collect((error as { issues: Array<{ message: string }> }).issues);
      }
      try {
        fakeContext(runtime as never, value as never);
      } catch (error) {
        if ("issues" in (error as object)) collect((error as { issues: Array<{ message: string }> }).issues);
      }
    }
    if (wire.toJsonView !== undefined) {
      const json = await import(/* @vite-ignore */ `@fc-context/validators/${runtime}/json`);
      const views = valid.map((context) => wire.toJsonView(context) as Json);
      for (const value of fc.sample(fc.oneof(hostile(views), nearValid(views, [["credentials", "accessKeySecret"]])), {
        numRuns: RUNS,
        seed: 7,
      })) {
        const result = json.validateFCContextJSON(value);
        if (!result.ok) collect(result.issues);
      }
    }
    const headers = headerSets(valid.map((context) => wire.toHeaders(context)));
    for (const value of fc.sample(fc.oneof(headers, hostile(valid.map((c) => wire.toHeaders(c) as Json))), {
      numRuns: RUNS,
      seed: 7,
    })) {
      for (const path of ["default", "concurrent"]) {
        try {
          wire.fromHeaders(value, { path });
        } catch (error) {
          const { header, message } = error as { header: string; message: string };
          messages.add(message.slice(header.length + 2));
        }
      }
    }
    expect(messages.size).toBeGreaterThan(30);
    const broken = [...messages]
      .map((message) => [message, styleProblem(message)])
      .filter(([, problem]) => problem !== undefined);
    expect(broken).toEqual([]);
  });
});
