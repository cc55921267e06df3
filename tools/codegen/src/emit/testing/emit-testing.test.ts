import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitTesting } from "./emit-testing.js";

// given the fixture spec, want tools/codegen/fixtures/want/testing: fakeContext with each runtime's defaults from the first examples
describe("emitTesting on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("testing", await emitTesting(await fixtureModel()));
  });
});
