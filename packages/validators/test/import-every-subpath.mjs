// A plain Node ES module, no test runner and no transpiler: every subpath of the package must
// import as emitted and validate. Run by `node test/import-every-subpath.mjs` (and by the tests).
import { readFile } from "node:fs/promises";
import { readSamples } from "../../../spec/events/read-samples.mjs";
import { readBase } from "../../../spec/vectors/read-vectors.mjs";

const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
let count = 0;
for (const subpath of Object.keys(manifest.exports)) {
  if (subpath === "./package.json" || subpath.endsWith(".json")) continue;
  const specifier = `@fc-context/validators${subpath.slice(1)}`;
  const module = await import(specifier);
  if (subpath === ".") {
    if (typeof module.loadValidators !== "function" || typeof module.FCContextValidationError !== "function")
      throw new Error(`${specifier}: missing exports`);
  } else if (subpath === "./events") {
    if (typeof module.loadEventValidators !== "function" || !Array.isArray(module.eventKinds))
      throw new Error(`${specifier}: missing exports`);
  } else if (subpath.startsWith("./events/")) {
    // a kind's validators: its first sample that is an event passes (a kind whose every published
    // sample is a vendor error has none), an empty array does not
    for (const name of ["isEvent", "validateEvent", "assertEvent", "EventValidationError"])
      if (typeof module[name] !== "function") throw new Error(`${specifier}: no ${name}`);
    const sample = readSamples(module.kind).find((s) => s.verdict === "valid");
    if ((sample !== undefined && !module.isEvent(sample.value)) || module.isEvent([]))
      throw new Error(`${specifier}: wrong verdict on an event`);
  } else {
    const suffix = subpath.endsWith("/json") ? "JSON" : "";
    for (const name of ["isFCContext", "validateFCContext", "assertFCContext"]) {
      if (typeof module[name + suffix] !== "function") throw new Error(`${specifier}: no ${name + suffix}`);
    }
    // the base context of the runtime's model (spec/vectors) is valid in the attribute view, and is
    // not a to_json() view
    if (module[`isFCContext${suffix}`](readBase(module.runtime)) !== (suffix === ""))
      throw new Error(`${specifier}: wrong verdict on a context`);
  }
  count++;
}
for (const subpath of Object.keys(manifest.exports).filter((key) => key.endsWith("schema.json"))) {
  const { default: schema } = await import(`@fc-context/validators${subpath.slice(1)}`, { with: { type: "json" } });
  if (typeof schema.$id !== "string") throw new Error(`${subpath}: not a schema`);
  count++;
}
console.log(`imported ${count} subpaths of @fc-context/validators`);
