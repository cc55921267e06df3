import { describe, expect, it } from "vitest";
import { layoutRuntimes } from "../../../spec/read-layout.mjs";
import { loadVectors, stringsIn } from "./vectors.js";

// an alias must give its runtime's verdicts through its own subpath: every id, with its runtime's vectors
const subpaths = layoutRuntimes().flatMap((r) => r.ids.map((id) => [id, r.id] as const));

describe.each(subpaths)("@fc-context/validators/%s on the shared vectors", (subpath, folder) => {
  const vectors = loadVectors(folder);

  it("has valid and invalid vectors", () => {
    expect(vectors.filter((v) => v.valid).length).toBeGreaterThan(1);
    expect(vectors.filter((v) => !v.valid).length).toBeGreaterThan(5);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", async (_name, vector) => {
    const validators = await import(/* @vite-ignore */ `@fc-context/validators/${subpath}`);
    expect(validators.isFCContext(vector.value)).toBe(vector.valid);
    const result = validators.validateFCContext(vector.value);
    expect(result.ok).toBe(vector.valid);
    if (vector.valid) {
      expect(result.value).toBe(vector.value);
      expect(() => validators.assertFCContext(vector.value)).not.toThrow();
      return;
    }
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues.map((issue: { path: string }) => issue.path)).toEqual(result.issues.map(() => vector.fault));
    const secrets = stringsIn(vector.value).filter((text) => text.length >= 8);
    for (const issue of result.issues) {
      expect(issue.message.length).toBeGreaterThan(10);
      for (const text of secrets) expect(issue.message).not.toContain(text);
    }
    expect(() => validators.assertFCContext(vector.value)).toThrow(validators.FCContextValidationError);
  });
});
