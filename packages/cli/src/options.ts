// Option values every command reads the same way.
import { type CanonicalRuntime, canonicalRuntime, runtimeIds } from "@fc-context/types";
import { UsageError } from "./io.js";

/** The canonical runtime id, or a usage error naming the ids FC accepts. */
export function runtimeOption(value: string | undefined, what = "--runtime <id>"): CanonicalRuntime {
  if (value === undefined) throw new UsageError(`${what} is required`);
  const id = canonicalRuntime(value);
  if (id === undefined) throw new UsageError(`unknown runtime "${value}": expected ${listed(runtimeIds)}`);
  return id;
}

export function onePositional(positionals: readonly string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}`);
  return positionals[0]!;
}

/** "a, b or c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "an FCContext", "a python3.9 context": an acronym said with a vowel sound takes "an". */
export function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) || /^[FHLMNRSX][A-Z]/.test(word) ? `an ${word}` : `a ${word}`;
}
