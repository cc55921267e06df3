// Copies the Python package fc_context into this package (python/fc_context) before it is packed:
// `fc-context run` and `serve` run that copy on the user's interpreter, so the two always match.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, "../../python/src/fc_context");
const target = path.resolve(here, "../python/fc_context");
if (!existsSync(path.join(source, "run.py"))) throw new Error(`no fc_context at ${source}: run npm run generate`);
rmSync(path.dirname(target), { recursive: true, force: true });
cpSync(source, target, { recursive: true, filter: (file) => !file.includes("__pycache__") });
