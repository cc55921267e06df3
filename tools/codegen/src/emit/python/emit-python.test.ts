import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitPython } from "./emit-python.js";

// given the fixture spec, want tools/codegen/fixtures/want/python: py36 with plain classes, py39 with dataclasses, py312's own small module, for_runtime, the typed fakes, the probe's secret names
describe("emitPython on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("python", await emitPython(await fixtureModel()), ["_runtime.py"]);
  });
});
