import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitCli } from "./emit-cli.js";

// given the fixture spec, want tools/codegen/fixtures/want/cli: runtimes.json, each element located by spec file and JSON pointer
describe("emitCli on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("cli", await emitCli(await fixtureModel()));
  });
});
