import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * A module's source followed by the sources of the package modules it imports (`./…`), each once:
 * what a bundler ships for one runtime's subpath, which the size budget test and the benchmark weigh.
 */
export function withLocalImports(file, seen = new Set()) {
  if (seen.has(file)) return "";
  seen.add(file);
  const source = readFileSync(file, "utf8");
  const imported = [...source.matchAll(/from "\.\/([^"]+)"/g)].map((match) => path.join(path.dirname(file), match[1]));
  return [source, ...imported.map((name) => withLocalImports(name, seen))].join("\n");
}
