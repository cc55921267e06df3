import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// What a registry and a new user see of each published package: where its source, issues and
// README are (npm refuses a provenance publish without repository.url), the Node it needs, words
// to find it by, and a README that opens with how to install it. Inter-package dependencies are
// ranges, so one package installs alone with a compatible version of the others.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const root = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { engines: unknown };
const published = readdirSync(path.join(repoRoot, "packages"))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(path.join(repoRoot, "packages", dir, "package.json"), "utf8")),
  }))
  .filter(({ manifest }) => manifest.private !== true);

describe.each(published.map(({ dir, manifest }) => [manifest.name as string, dir, manifest] as const))(
  "%s",
  (name, dir, manifest) => {
    it("says where its source, issues and README are, the Node it needs, and words to find it by", () => {
      const repository = manifest.repository as { type: string; url: string; directory: string };
      expect(repository).toEqual({
        type: "git",
        url: expect.stringMatching(/^git\+https:\/\/.+\.git$/),
        directory: `packages/${dir}`,
      });
      const web = repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
      expect(manifest.homepage).toBe(`${web}/tree/main/packages/${dir}#readme`);
      expect(manifest.bugs).toEqual({ url: `${web}/issues` });
      expect(manifest.engines).toEqual(root.engines);
      expect(manifest.license).toBe("MIT");
      expect(manifest.keywords.length).toBeGreaterThanOrEqual(4);
      expect(manifest.keywords).toContain("function-compute");
    });

    it("depends on the other packages by range, so it installs alone", () => {
      for (const [dependency, range] of Object.entries((manifest.dependencies ?? {}) as Record<string, string>))
        if (dependency.startsWith("@fc-context/")) expect(range, dependency).toBe(`^${manifest.version}`);
    });

    it("opens its README with how to install it", () => {
      const readme = readFileSync(path.join(repoRoot, "packages", dir, "README.md"), "utf8");
      const first = /```sh\n([\s\S]*?)```/.exec(readme);
      expect(first, "a shell block").not.toBeNull();
      expect(readme.indexOf(first![0])).toBeLessThan(readme.indexOf("\n\n", readme.indexOf("\n") + 1) + 2);
      expect(first![1]).toMatch(new RegExp(`(npm install (--save-dev |--global )?|npx )${name.replace("/", "\\/")}`));
    });
  },
);
