import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { readVectors } from "../../../../spec/vectors/read-vectors.mjs";
import { modelOwner, type Runtime } from "../model.js";
import { loadRealSpec } from "../testing/load-real-model.js";
import { classicContext, edited, python312Context } from "../testing/sample-contexts.js";
import { deriveRuntimeSchema } from "./derive-json-schema.js";

const { tree, model } = await loadRealSpec();

// The spec files are real JSON Schemas: a standard validator given all of them must agree with
// the schema the emitters derive from the model, or the model lost or invented a rule.
const specAjv = new Ajv2020({ strict: false, allErrors: true });
for (const file of tree.files) specAjv.addSchema(file.value as object);
const derivedAjv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });

// biome-ignore lint/suspicious/noExplicitAny: test data is JSON whose shape each assertion states
type Json = Record<string, any>;
const classicCases: Array<[string, unknown, boolean]> = [
  ["as FC builds it with no role and tracing off", classicContext, true],
  [
    "with tracing on and an int timeout",
    edited(classicContext, (c: Json) => {
      Object.assign(c.tracing, { span_context: "1a2b:3c4d:0:1", jaeger_endpoint: "http://j/api/traces" });
      c.function.timeout = 60;
    }),
    true,
  ],
  ["with retry_count None (never: an int on both paths)", edited(classicContext, (c) => (c.retry_count = null)), false],
  [
    "with an arbitrary negative retry_count (no header on the default path)",
    edited(classicContext, (c) => (c.retry_count = -7)),
    true,
  ],
  [
    "with tracing off on the default path (empty strings)",
    edited(classicContext, (c: Json) => Object.assign(c.tracing, { span_context: "", jaeger_endpoint: "" })),
    true,
  ],
  [
    "with baggage that decoded to a list",
    edited(classicContext, (c: Json) => (c.tracing.span_baggages = [1, 2])),
    true,
  ],
  ["missing credentials", edited(classicContext, (c) => delete c.credentials), false],
  ["with an extra key", edited(classicContext, (c) => (c.requestId = c.request_id)), false],
  ["with a null request_id", edited(classicContext, (c) => (c.request_id = null)), false],
  ["with an empty region", edited(classicContext, (c) => (c.region = "")), false],
  ["with memory as a string", edited(classicContext, (c: Json) => (c.function.memory = "512")), false],
  ["with a non-numeric timeout string", edited(classicContext, (c: Json) => (c.function.timeout = "sixty")), false],
  ["with the timeout as its header string", edited(classicContext, (c: Json) => (c.function.timeout = "60")), false],
  ["with python3.12's log_project", edited(classicContext, (c) => (c.log_project = null)), false],
  [
    "with a malformed span context",
    edited(classicContext, (c: Json) => (c.tracing.span_context = "not-jaeger")),
    false,
  ],
  ["that is an array", [classicContext], false],
];
const python312Cases: Array<[string, unknown, boolean]> = [
  ["as FC builds it", python312Context, true],
  ["with credentials", edited(python312Context, (c) => (c.credentials = classicContext.credentials)), false],
  ["with a qualifier missing", edited(python312Context, (c: Json) => delete c.function.qualifier), false],
];

/**
 * The contexts to hold a runtime to: those written for its model's first runtime (the classic model's,
 * python3.12's), or, for a model no case was written for, its own valid vectors.
 */
function casesFor(runtime: Runtime): Array<[string, unknown, boolean]> {
  const owner = modelOwner(model, runtime).id;
  if (owner === modelOwner(model, findRuntime("python3.9")).id) return classicCases;
  if (owner === "python3.12") return python312Cases;
  return readVectors(runtime.id, ["valid"]).map((vector) => [`of ${vector.name}`, vector.value, true]);
}

const findRuntime = (id: string): Runtime => model.runtimes.find((r) => r.id === id)!;

describe("the JSON Schema derived from the model", () => {
  for (const runtime of model.runtimes) {
    const cases = casesFor(runtime);
    const fromSpec = specAjv.getSchema(runtime.schemaId)!;
    const derived = derivedAjv.compile(deriveRuntimeSchema(runtime));
    it.each(cases)(`${runtime.id}: a context %s gets the spec's verdict`, (_name, value, valid) => {
      expect(fromSpec(value)).toBe(valid);
      expect(derived(value)).toBe(valid);
    });
  }

  it("uses standard keywords only, so strict ajv accepts it", () => {
    for (const runtime of model.runtimes)
      expect(() =>
        new Ajv2020({ strict: true, allowUnionTypes: true }).compile(deriveRuntimeSchema(runtime)),
      ).not.toThrow();
  });
});

describe("the shared vectors under spec/vectors", () => {
  for (const runtime of model.runtimes) {
    const vectors = readVectors(runtime.id).map((vector) => [vector.name, vector.valid, vector] as const);
    const fromSpec = specAjv.getSchema(runtime.schemaId)!;
    it.each(vectors)(
      `${runtime.id}: %s gets its folder's verdict from the spec files themselves`,
      (_name, valid, vector) => {
        expect(fromSpec(vector.value)).toBe(valid);
        if (!valid)
          expect(
            fromSpec.errors!.every((error) => {
              const key = error.params.missingProperty ?? error.params.additionalProperty ?? "";
              return `${error.instancePath}/${key}`.replace(/\/$/, "") === vector.fault;
            }),
          ).toBe(true);
      },
    );
  }
});
