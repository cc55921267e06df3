// The one reader of the shared vectors, for every package's tests (the format: README.md here).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runtimeOfId } from "../read-layout.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The vectors of a runtime, valid then invalid, sorted by name: those of its model, stored once in
 * the folder of the model's first runtime (the layout's "model": python3.9 reads python3/).
 */
export function readVectors(runtime, kinds = ["valid", "invalid"]) {
  const folder = vectorFolder(runtime);
  const base = readBase(runtime);
  return kinds.flatMap((kind) =>
    readdirSync(path.join(root, folder, kind))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => {
        const name = `${kind}/${file}`;
        const { patch, ...vector } = readJson(path.join(folder, name));
        const value = patch === undefined ? vector.value : applyPatch(base, patch, `${folder}/${name}`);
        return { ...vector, value, name, valid: kind === "valid" };
      }),
  );
}

/** The context every vector of a runtime's model patches: `<model>/base.json`'s value. */
export function readBase(runtime) {
  return readJson(path.join(vectorFolder(runtime), "base.json")).value;
}

function readJson(file) {
  return JSON.parse(readFileSync(path.join(root, file), "utf8"));
}

/**
 * A copy of `value` with an RFC 6902 patch applied: the operations add, remove and replace, which
 * are all a vector needs. A path that does not fit the value is an error naming the vector and the
 * operation, so a base that changed under a vector says where.
 */
export function applyPatch(value, patch, vector) {
  let result = JSON.parse(JSON.stringify(value));
  patch.forEach((operation, index) => {
    const fail = (why) => {
      throw new Error(`spec/vectors/${vector}: /patch/${index} (${operation.op} ${operation.path}): ${why}`);
    };
    if (!["add", "remove", "replace"].includes(operation.op)) fail("expected add, remove or replace");
    if (operation.path === "") {
      if (operation.op === "remove") fail("cannot remove the whole value");
      result = operation.value;
      return;
    }
    const keys = operation.path
      .split("/")
      .slice(1)
      .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = keys.pop();
    let parent = result;
    for (const key of keys) {
      if (parent === null || typeof parent !== "object" || !Object.hasOwn(parent, key)) fail("no such member");
      parent = parent[key];
    }
    if (parent === null || typeof parent !== "object") fail("its parent is not an object or array");
    const member = Array.isArray(parent) ? (last === "-" ? parent.length : Number(last)) : last;
    const exists = Object.hasOwn(parent, member);
    if (operation.op !== "add" && !exists) fail("no such member");
    if (operation.op === "remove") {
      if (Array.isArray(parent)) parent.splice(member, 1);
      else delete parent[member];
    } else if (Array.isArray(parent) && operation.op === "add") parent.splice(member, 0, operation.value);
    // defineProperty, not assignment: a "__proto__" key is data in a vector, never a prototype
    else
      Object.defineProperty(parent, member, {
        value: operation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  });
  return result;
}

/** The folder holding a runtime's vectors: its model's (an unknown id names its own folder). */
export function vectorFolder(runtime) {
  return runtimeOfId(runtime)?.model ?? runtime;
}

/** Every string inside a value: what no message may repeat. */
export function stringsIn(value) {
  if (typeof value === "string") return [value];
  return value !== null && typeof value === "object" ? Object.values(value).flatMap(stringsIn) : [];
}

/** The differential fuzzer's findings (findings/README.md): inputs both languages must agree on. */
export function readFindings() {
  const dir = path.join(root, "findings");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: file, ...JSON.parse(readFileSync(path.join(dir, file), "utf8")) }));
}
