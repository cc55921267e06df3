import { describe, it } from "vitest";
import { expectWant, fixtureModel } from "../../testing/emitter-fixture.js";
import { emitDocs } from "./emit-docs.js";

// given the fixture spec, want tools/codegen/fixtures/want/docs: a page per runtime with the vendor-doc claim, the comparison, the migrations (the removed attribute's replacement), the sources, in Markdown and HTML
describe("emitDocs on the fixture spec", () => {
  it("emits the wanted files", async () => {
    expectWant("docs", await emitDocs(await fixtureModel()));
  });
});
