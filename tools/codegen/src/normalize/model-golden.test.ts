import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModel } from "../generate.js";
import { repoRoot } from "../testing/spec-fixture.js";

// The golden pair of normalize: the real spec in, this model out, every value of it. A change to
// spec/ or to normalize that changes the model shows here as a diff to read; once it is right,
// `npm run golden` writes the new model (and the diff is committed with the change).
const golden = new URL("./model.golden.json", import.meta.url);

describe("the model of the real spec", () => {
  it("is the golden model, value for value", async () => {
    const model = JSON.parse(JSON.stringify(await buildModel(repoRoot, "spec")));
    if (process.env.FC_CONTEXT_UPDATE_GOLDEN === "1") writeFileSync(golden, `${JSON.stringify(model, null, 1)}\n`);
    expect(model).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  });
});
