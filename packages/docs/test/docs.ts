import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(packageDir, "../..");
export const markdownDir = path.join(packageDir, "gen/markdown");
export const siteDir = path.join(packageDir, "gen/site");

export function pages(dir: string, extension: string): Array<{ name: string; text: string }> {
  return readdirSync(dir)
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => ({ name: file, text: readFileSync(path.join(dir, file), "utf8") }));
}

/** The fenced code blocks of a Markdown page. */
export function codeBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``, "g"))].map((match) => match[1]!);
}

/** The Python version each runtime page is about, read from the page itself. */
export function pythonVersionOf(markdown: string): string | undefined {
  return /Python (3\.\d+)/.exec(markdown)?.[1];
}
