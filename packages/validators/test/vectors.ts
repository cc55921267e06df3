import path from "node:path";
import { fileURLToPath } from "node:url";

export { readVectors as loadVectors, stringsIn, type Vector } from "../../../spec/vectors/read-vectors.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
