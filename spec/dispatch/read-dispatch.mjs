// The one reader of the recorded dispatch cases (spec/dispatch/cases/*.json), for every test that
// replays them: each case as recorded, with its file name.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "cases");

/** Every recorded case, sorted by file name. */
export function readDispatchCases() {
  return readdirSync(casesDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(path.join(casesDir, file), "utf8")) }));
}

/**
 * The body of a case's invocation: its bytes, or, for a body too large to keep, rebuilt from
 * body_spec (a text repeated to a length) and checked against the recorded SHA-256.
 */
export function caseBody(dispatchCase) {
  if (dispatchCase.body_base64 !== null) return Buffer.from(dispatchCase.body_base64, "base64");
  const { repeat, length } = dispatchCase.body_spec ?? {};
  if (typeof repeat !== "string" || !Number.isSafeInteger(length))
    throw new Error(`${dispatchCase.file}: no body_base64, and no body_spec to rebuild the body from`);
  const body = Buffer.from(repeat.repeat(Math.ceil(length / repeat.length)).slice(0, length), "utf8");
  const sha256 = createHash("sha256").update(body).digest("hex");
  if (sha256 !== dispatchCase.body_sha256)
    throw new Error(`${dispatchCase.file}: the rebuilt body's SHA-256 is not the recorded one`);
  return body;
}
