import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The packages released together: every workspace package.json under packages/ (one line to add one: create it). */
export function releasedPackages(
  root: string,
): Array<{ dir: string; name: string; version: string; private: boolean }> {
  const packages = path.join(root, "packages");
  return readdirSync(packages)
    .sort()
    .flatMap((dir) => {
      const manifest = path.join(packages, dir, "package.json");
      if (!existsSync(manifest)) return [];
      const json = JSON.parse(readFileSync(manifest, "utf8")) as { name: string; version: string; private?: boolean };
      return [
        { dir: path.join(packages, dir), name: json.name, version: json.version, private: json.private === true },
      ];
    });
}

/** The released version: every package shares it (a changesets fixed group). */
export function currentVersion(root: string): string {
  const versions = new Set(releasedPackages(root).map((p) => p.version));
  if (versions.size !== 1)
    throw new Error(`the packages are on different versions (${[...versions].join(", ")}): they must move together`);
  return [...versions][0]!;
}

/** Where the last released spec is: the git tag v<version>, or the snapshot `npm run version` records. */
export function releasedSpecSource(root: string, version: string): string {
  try {
    execFileSync("git", ["-C", root, "rev-parse", "--verify", "--quiet", `refs/tags/v${version}`], { stdio: "ignore" });
    return `v${version}`;
  } catch {
    return "release/spec-snapshot";
  }
}
