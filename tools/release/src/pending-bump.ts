import readChangesets from "@changesets/read";
import { type Bump, maxBump } from "./spec-diff.js";

/**
 * The largest bump the pending changesets (.changeset/*.md) give any package, read by changesets'
 * own reader (the one `changeset version` uses), with the files that give them.
 */
export async function pendingBump(root: string): Promise<{ bump: Bump; files: string[] }> {
  const changesets = await readChangesets(root);
  const bumps = changesets.flatMap((changeset) => changeset.releases.map((release) => release.type as Bump));
  return { bump: maxBump(bumps), files: changesets.map((changeset) => `${changeset.id}.md`).sort() };
}
