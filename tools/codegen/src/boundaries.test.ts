import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The stages keep to themselves (ARCHITECTURE.md, "Boundaries"): which folder may import which,
// checked on the import statements of every source file. Import cycles are Biome's
// (suspicious/noImportCycles, in `npm run lint`).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const codegen = path.join(repoRoot, "tools/codegen/src");

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        /\.(ts|js|mjs)$/.test(entry.name) &&
        !/\.test(-d)?\.ts$/.test(entry.name) &&
        !entry.name.endsWith(".d.ts"),
    )
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports or re-exports, static and literal dynamic. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ];
  return found.map((match) => match[1]!);
}

/** A relative import as the absolute source file it names (.js in specifiers stands for .ts). */
function resolved(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, ".ts"), target])
    if (readdirSync(path.dirname(candidate)).includes(path.basename(candidate))) return candidate;
  return target;
}

const area = (file: string): string => {
  const relative = path.relative(codegen, file).split(path.sep);
  if (relative[0] === "..") return "outside";
  if (relative[0] === "emit") return relative.length === 2 ? "emit" : `emit/${relative[1]}`;
  return relative.length === 1 ? (relative[0]!.startsWith("model") ? "model" : "root") : relative[0]!;
};

/** Which areas each area of the generator may import (besides itself and npm packages). */
const ALLOWED: Record<string, readonly string[]> = {
  model: ["model"],
  load: ["root"],
  check: ["load", "root"],
  normalize: ["load", "model", "root"],
  layout: ["model"],
  emit: ["model", "root", "emit", "layout"],
  write: ["root"],
  root: ["load", "check", "normalize", "model", "layout", "emit", "write", "root"],
  // the tests' helpers: the real spec and the shared vectors, through every stage
  testing: ["load", "check", "normalize", "model", "layout", "emit", "write", "root", "outside"],
};

describe("the generator's stages", () => {
  const files = sources(codegen);

  it.each(files.map((file) => [path.relative(codegen, file), file]))(
    "%s imports only what its stage may",
    (_name, file) => {
      const from = area(file);
      const wrong = imports(file).flatMap((specifier) => {
        const target = resolved(file, specifier);
        if (target === undefined) return [];
        const to = area(target);
        if (to === from) return [];
        // an emitter uses the model and the shared emit helpers, never another emitter
        if (from.startsWith("emit/"))
          return to === "model" || to === "layout" || to === "emit" || to === "root" ? [] : [`${specifier} (${to})`];
        // the target registry is the one place that knows every emitter
        if (from === "emit" && to.startsWith("emit/"))
          return path.basename(file) === "targets.ts" ? [] : [`${specifier} (${to})`];
        return (ALLOWED[from] ?? []).includes(to.startsWith("emit/") ? "emit" : to) ? [] : [`${specifier} (${to})`];
      });
      expect(wrong).toEqual([]);
    },
  );

  it("tools/release and the CLI use the generator only through @fc-context/codegen", () => {
    const users = [
      ...sources(path.join(repoRoot, "tools/release/src")),
      ...sources(path.join(repoRoot, "packages/cli/src")),
    ];
    const reaching = users.flatMap((file) =>
      imports(file)
        .filter((s) => s.includes("codegen/src"))
        .map((s) => `${path.relative(repoRoot, file)}: ${s}`),
    );
    expect(reaching).toEqual([]);
  });
});
