import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { scratchCopy, testAll } from "./scratch-copy.js";

// `npm run check:version`: the release steps CONTRIBUTING lists, in a scratch copy: with the
// changesets pending now, the bump guard passes, `npm run version` bumps the packages, the spec, pyproject.toml and the
// generated code; then the whole `npm test` must pass on the bumped tree, so nothing in the tests
// holds the old version. A failure leaves the scratch copy for reading.
const { values } = parseArgs({ options: { keep: { type: "boolean", default: false } } });
const scratch = scratchCopy("fc-context-version-");
try {
  scratch.commit("before the release");
  scratch.run("npm run check:release", "npm", ["run", "--silent", "check:release"]);
  scratch.run("npm run version", "npm", ["run", "--silent", "version"]);
  scratch.commit("the release");
  testAll(scratch);
  process.stdout.write("\nnpm run version, then npm test: green\n");
  if (!values.keep) rmSync(scratch.dir, { recursive: true, force: true });
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\nthe scratch copy is kept: ${scratch.dir}\n`);
  process.exit(1);
}
