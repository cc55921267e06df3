import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitValidators } from "./emit-validators.js";

// given the fixture spec, want tools/codegen/fixtures/want/validators: the derived schemas, one validator module per model bound to each runtime and alias, the to_json() views
describe("emitValidators on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("validators", await emitValidators(await fixtureModel()), ["errors.js", "errors.d.ts"]);
  });
});
