import { describe, expect, it } from "vitest";
import { pep440 } from "./pep440.js";

describe("pep440", () => {
  it.each([
    ["1.2.0", "1.2.0"],
    ["1.2.0-beta.3", "1.2.0b3"],
    ["1.2.0-alpha.0", "1.2.0a0"],
    ["2.0.0-rc.1", "2.0.0rc1"],
    ["2.0.0-rc", "2.0.0rc0"],
  ])("translates %s to %s", (semver, python) => expect(pep440(semver)).toBe(python));

  it.each(["0.0.0-next-20261124", "1.0.0-canary.1", "1.0", "v1.0.0"])("refuses %s", (semver) =>
    expect(pep440(semver)).toBeUndefined(),
  );
});
