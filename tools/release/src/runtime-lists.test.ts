import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { everyId } from "../../../spec/read-layout.mjs";

// The spec decides which runtimes there are; the layout (@fc-context/types/layout.json) carries
// that to every package, test and tool. A list of runtime ids written by hand elsewhere goes stale
// the day a runtime is added, silently where it only skips the new one. So hand-written code names
// three or more runtimes in one list only where it says why ("on purpose", on the line or the one
// before): facts about the real spec, or data chosen for a test.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
// the fixture spec of the emitters is a spec, and its want folders are what the emitters generate from it
const GENERATED =
  /^(spec\/|release\/|tools\/codegen\/fixtures\/)|\/gen\/|^packages\/python\/src\/fc_context\/|\/reports\//;
const CODE = /\.(ts|mts|mjs|js|py|sh)$/;
const ON_PURPOSE = /on purpose/;

/** Every list (a bracketed span with no brackets inside) naming three or more runtimes, by file:line. */
export function runtimeLists(file: string, text: string, ids: readonly string[]): string[] {
  const quoted = new RegExp(`["'](${ids.map((id) => id.replaceAll(".", "\\.")).join("|")})["']`, "g");
  const lines = text.split("\n");
  const found: string[] = [];
  for (const span of text.matchAll(/[[(][^[\]()]*[\])]/g)) {
    const named = new Set([...span[0].matchAll(quoted)].map((match) => match[1]));
    if (named.size < 3) continue;
    const line = text.slice(0, span.index).split("\n").length;
    if (ON_PURPOSE.test(lines[line - 1]!) || ON_PURPOSE.test(lines[line - 2] ?? "")) continue;
    found.push(`${file}:${line}: ${[...named].join(", ")}`);
  }
  return found;
}

describe("runtime lists", () => {
  const ids = everyId();

  it("finds a hand-written list, and lets one through that says why", () => {
    const three = ["python3", "python3.9", "python3.12"]; // names runtimes on purpose: what the check must find
    const list = `const runtimes = [${three.map((id) => JSON.stringify(id)).join(",\n  ")}];`;
    expect(runtimeLists("a.ts", list, three)).toEqual(["a.ts:1: python3, python3.9, python3.12"]);
    expect(runtimeLists("a.ts", `// the three on purpose: ...\n${list}`, three)).toEqual([]);
    expect(runtimeLists("a.py", 'for id in ("python3", "python3.9"):', three)).toEqual([]);
  });

  it("are nowhere in hand-written code: tests and tools read the layout", () => {
    const files = execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .filter((file) => CODE.test(file) && !GENERATED.test(file));
    expect(files.length).toBeGreaterThan(50);
    const lists = files.flatMap((file) => runtimeLists(file, readFileSync(path.join(repoRoot, file), "utf8"), ids));
    expect(lists).toEqual([]);
  });
});
