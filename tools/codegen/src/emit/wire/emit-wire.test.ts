import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitWire } from "./emit-wire.js";

// given the fixture spec, want tools/codegen/fixtures/want/wire: per model the header converters with their path tables (int and c-long conversions, a nullable header, a secret), bound to each id
describe("emitWire on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("wire", await emitWire(await fixtureModel()), [
      "wire-runtime.js",
      "wire-runtime.d.ts",
      "python-json.js",
      "python-json.d.ts",
    ]);
  });
});
