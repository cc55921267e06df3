// A plain Node ES module, no test runner and no transpiler: every subpath of the package must
// import as emitted and validate. Run by `node test/import-every-subpath.mjs` (and by the tests).
import { readFile } from "node:fs/promises";
import { vectorFolder } from "../../../spec/vectors/read-vectors.mjs";

const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const minimal = JSON.parse(
  await readFile(new URL("../../../spec/vectors/python3/valid/no-role-tracing-off.json", import.meta.url), "utf8"),
).value;
let count = 0;
for (const subpath of Object.keys(manifest.exports)) {
  if (subpath === "./package.json" || subpath.endsWith(".json")) continue;
  const specifier = `@fc-context/validators${subpath.slice(1)}`;
  const module = await import(specifier);
  if (subpath === ".") {
    if (typeof module.loadValidators !== "function" || typeof module.FCContextValidationError !== "function")
      throw new Error(`${specifier}: missing exports`);
  } else {
    const suffix = subpath.endsWith("/json") ? "JSON" : "";
    for (const name of ["isFCContext", "validateFCContext", "assertFCContext"]) {
      if (typeof module[name + suffix] !== "function") throw new Error(`${specifier}: no ${name + suffix}`);
    }
    // the context is one of python3's model: valid for the runtimes of that model, in the attribute view
    const expected = vectorFolder(module.runtime) === "python3" && suffix === "";
    if (module[`isFCContext${suffix}`](minimal) !== expected)
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
