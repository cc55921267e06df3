import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitTypes } from "./emit-types.js";

// given the fixture spec, want tools/codegen/fixtures/want/types: a declaration and module per runtime, the python3.9 module re-exporting python3's, the alias's, the index and the layout
describe("emitTypes on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("types", await emitTypes(await fixtureModel()));
  });
});
