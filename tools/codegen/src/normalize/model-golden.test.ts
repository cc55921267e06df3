import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../generate.js";
import { repoRoot } from "../testing/spec-fixture.js";
import { GOLDEN_MODEL_FILE, goldenModelText } from "./golden-model.js";

// The golden pair of normalize: the real spec in, this model out, every value of it. A change to
// spec/ or to normalize that changes the model shows here as a diff to read; once it is right,
// `npm run golden` writes the new model (and the diff is committed with the change).
const golden = path.join(repoRoot, GOLDEN_MODEL_FILE);

describe("the model of the real spec", () => {
  it("is the golden model, value for value", async () => {
    const text = goldenModelText(await buildModel(repoRoot, "spec"));
    if (process.env.FC_CONTEXT_UPDATE_GOLDEN === "1") writeFileSync(golden, text);
    expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(golden, "utf8")));
  });
});
