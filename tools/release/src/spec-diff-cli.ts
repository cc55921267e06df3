import { parseArgs } from "node:util";
import { loadModel } from "./load-model.js";
import { diffModels, formatChanges } from "./spec-diff.js";

// `npm run spec:diff -- <old> <new>`: each a spec folder or a git ref. Exit 0; 2 on bad usage.
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { json: { type: "boolean" }, root: { type: "string", default: "." } },
});
if (positionals.length !== 2) {
  process.stderr.write("usage: npm run spec:diff -- <old> <new> [--json]   (each a spec folder or a git ref)\n");
  process.exit(2);
}
const changes = diffModels(
  await loadModel(positionals[0]!, values.root!),
  await loadModel(positionals[1]!, values.root!),
);
process.stdout.write(values.json ? `${JSON.stringify(changes, null, 2)}\n` : `${formatChanges(changes)}\n`);
