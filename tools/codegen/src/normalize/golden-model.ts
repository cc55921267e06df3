import type { Model } from "../model.js";

// The golden model: the real spec's model, every value of it, as committed beside the normalize
// stage. model-golden.test.ts holds normalize to it; `npm run golden` and `npm run version` (which
// changes every $id) write it.

/** Where the golden model lives, from the repository root. */
export const GOLDEN_MODEL_FILE = "tools/codegen/src/normalize/model.golden.json";

/** The golden model's text: the model as plain JSON, one space of indent (it is long and read as a diff). */
export function goldenModelText(model: Model): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}
