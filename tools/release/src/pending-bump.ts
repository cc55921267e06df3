import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Bump, maxBump } from "./spec-diff.js";

/** The largest bump the pending changesets (.changeset/*.md) give any package. */
export function pendingBump(root: string): { bump: Bump; files: string[] } {
  const dir = path.join(root, ".changeset");
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .sort();
  const bumps: Bump[] = [];
  for (const file of files) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(dir, file), "utf8"))?.[1] ?? "";
    for (const match of front.matchAll(/^\s*["']?[^"':]+["']?\s*:\s*(major|minor|patch)\s*$/gm))
      bumps.push(match[1] as Bump);
  }
  return { bump: maxBump(bumps), files };
}
