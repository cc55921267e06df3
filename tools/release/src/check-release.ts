import path from "node:path";
import { parseArgs } from "node:util";
import { loadModel } from "./load-model.js";
import { pendingBump } from "./pending-bump.js";
import { currentVersion, releasedSpecSource } from "./release-state.js";
import { bumpRank, diffModels, formatChanges, maxBump } from "./spec-diff.js";

// The bump guard: `npm run check:release`. Fails when the spec changed since the last release
// more than the pending changesets say (a removed field shipped as a minor version).
const { values } = parseArgs({ options: { root: { type: "string", default: "." } } });
const root = path.resolve(values.root!);
const version = currentVersion(root);
const source = releasedSpecSource(root, version);
const changes = diffModels(await loadModel(source, root), await loadModel("spec", root));
const needed = maxBump(changes.map((c) => c.bump));
const pending = await pendingBump(root);
const summary =
  `spec changes since ${version} (${source}): ${changes.length}; they need ` +
  `${needed === "none" ? "no release" : `a ${needed} release`}; pending changesets give ` +
  `${pending.bump === "none" ? "none" : pending.bump}${pending.files.length ? ` (${pending.files.join(", ")})` : ""}`;
if (bumpRank(pending.bump) < bumpRank(needed)) {
  const short = changes.filter((c) => bumpRank(c.bump) > bumpRank(pending.bump));
  process.stderr.write(
    `${summary}.\nThese changes need more than ` +
      `${pending.bump === "none" ? "no changeset" : `a ${pending.bump} bump`}:\n${formatChanges(short)}\nAdd a ` +
      `${needed} changeset: npm run changeset\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(`${summary}: ok.\n`);
}
