import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LIMIT_MS } from "../../../vitest.shared.js";

// `npm test` must pass on a two-core machine every time: the suites run at once under turbo, and a
// test's time alone says little about its time there. So no suite sets a limit of its own: every
// package's vitest config is the shared one (vitest.shared.ts), and no test or hook passes a
// limit below it.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const workspaces = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { workspaces: string[] })
  .workspaces;
const tracked = (pattern: string): string[] =>
  execFileSync("git", ["ls-files", pattern], { cwd: repoRoot, encoding: "utf8" }).split("\n").filter(Boolean);

const packages = workspaces
  .flatMap((glob) => tracked(`${glob.replace(/\*$/, "")}*/package.json`))
  .map((file) => path.dirname(file))
  .filter((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, dir, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    return manifest.scripts?.test?.includes("vitest") === true;
  });

/** A number passed after a test's or hook's callback, as its own limit. */
const OWN_LIMIT = /\}\s*,\s*([\d_]+)\s*,?\s*\)/g;

describe("test limits", () => {
  it("every package's tests run under the shared vitest config", () => {
    expect(packages.length).toBeGreaterThan(5);
    for (const dir of packages) {
      const config = path.join(repoRoot, dir, "vitest.config.ts");
      expect(existsSync(config), `${dir} has no vitest.config.ts`).toBe(true);
      expect(readFileSync(config, "utf8"), dir).toMatch(/from "\.\.\/\.\.\/vitest\.shared\.js"/);
    }
  });

  it("no test or hook sets a limit below the shared one", () => {
    const tight = tracked("*.test.ts").flatMap((file) =>
      [...readFileSync(path.join(repoRoot, file), "utf8").matchAll(OWN_LIMIT)]
        .filter((match) => Number(match[1]!.replaceAll("_", "")) < LIMIT_MS)
        .map((match) => `${file}: ${match[0].replace(/\s+/g, " ")}`),
    );
    expect(tight).toEqual([]);
  });
});
