// The message style guide's patterns (MESSAGES.md at the repository root): the guide is the one
// place they are written; the TypeScript and Python tests read them from there.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const guidePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../MESSAGES.md");

function block(text: string, lang: string): RegExp[] {
  const found = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(text);
  if (found === null) throw new Error(`MESSAGES.md has no \`\`\`${lang} block`);
  return found[1]!
    .split("\n")
    .filter(Boolean)
    .map((line) => new RegExp(line));
}

const guide = readFileSync(guidePath, "utf8");
const allowed = block(guide, "regex");
const forbidden = block(guide, "regex-forbidden");

/** Why a message breaks the guide, or undefined when it follows it. */
export function styleProblem(message: string): string | undefined {
  if (!allowed.some((pattern) => pattern.test(message))) return "matches none of the guide's shapes";
  const broken = forbidden.find((pattern) => pattern.test(message));
  return broken === undefined ? undefined : `matches the forbidden ${broken}`;
}
