import { checkMetaSchema } from "../check/check-meta-schema.js";
import { loadSpec, type SpecTree } from "../load/load-spec.js";
import type { Model } from "../model.js";
import { normalize } from "../normalize/normalize.js";
import { repoRoot } from "./spec-fixture.js";

export async function loadRealSpec(): Promise<{ tree: SpecTree; model: Model }> {
  const tree = await loadSpec(repoRoot, "spec");
  checkMetaSchema(tree);
  return { tree, model: normalize(tree) };
}
