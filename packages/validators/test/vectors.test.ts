import { describe, expect, it } from "vitest";
import { loadVectors, stringsIn } from "./vectors.js";

// python3.6 is an alias: it must give python3's verdicts through its own subpath.
const subpaths = [
  ["python3", "python3"],
  ["python3.6", "python3"],
  ["python3.9", "python3.9"],
  ["python3.10", "python3.10"],
  ["python3.12", "python3.12"],
] as const;

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
