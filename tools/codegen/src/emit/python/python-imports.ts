// The import lines of a generated Python module, collected from what its code uses: an emitter
// writes the code, this says what it needs, so no module imports a name it never uses (pyflakes
// clean) and none misses one. Docstrings and comments are not code: a word in them imports nothing.

/** Where each name a generated module may use comes from, in the order the imports are printed. */
export interface ImportSources {
  /** Standard library modules used as `module.name` (json, base64, logging). */
  readonly modules: readonly string[];
  /** `from X import names`: each source, with the names it may give, printed sorted as isort does. */
  readonly from: ReadonlyArray<{ readonly module: string; readonly names: readonly string[] }>;
}

/** The code of a Python text without its docstrings and comments. */
export function codeOnly(text: string): string {
  return text.replace(/"""[\s\S]*?"""/g, '""').replace(/(^|\s)#.*$/gm, "$1");
}

/** The names a text's code uses, of those given. */
export function usedNames(text: string, names: readonly string[]): string[] {
  return namesIn(codeOnly(text), names);
}

function namesIn(code: string, names: readonly string[]): string[] {
  return names.filter((name) => new RegExp(`(?<![\\w.])${name.replace(/[.$]/g, "\\$&")}\\b`).test(code));
}

// isort's order within a from-import (order_by_type): constants (str.isupper()), then classes
// (a capital first), then the rest, each group by the lower-cased name
function isortKey(name: string): string {
  const constant = name.length > 1 && name === name.toUpperCase() && name !== name.toLowerCase();
  const rank = constant ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${rank}${name.toLowerCase()}`;
}

/**
 * The import block for `body`: `import m` for each module it uses as `m.`, then each `from` line
 * with the names it uses, one line when it fits in 100 columns, else one name a line.
 */
export function importLines(body: string, sources: ImportSources): string[] {
  const code = codeOnly(body);
  const modules = sources.modules.filter((module) => new RegExp(`(?<![\\w.])${module}\\.`).test(code));
  const lines = modules.map((module) => `import ${module}`);
  for (const { module, names } of sources.from) {
    const used = namesIn(code, names).sort((a, b) => (isortKey(a) < isortKey(b) ? -1 : 1));
    if (used.length === 0) continue;
    const line = `from ${module} import ${used.join(", ")}`;
    lines.push(
      line.length <= 100 ? line : [`from ${module} import (`, ...used.map((name) => `    ${name},`), ")"].join("\n"),
    );
  }
  return lines;
}
