import { joinPointer } from "../load/json-pointer.js";
import type { SpecFile, SpecTree } from "../load/load-spec.js";
import { issueAt, SpecError, type SpecIssue } from "../spec-error.js";

/**
 * `fc-context spec draft` marks what a maintainer must still write with values that start with
 * DRAFT (a description, a source key, a type it could not tell). A spec holding any of them is
 * not finished: every gap is reported at once, by file and pointer, before any other check.
 */
export const DRAFT_MARK = "DRAFT";

export function checkDraftGaps(tree: SpecTree): void {
  const issues: SpecIssue[] = [];
  for (const file of [...tree.files, tree.sources]) visit(file, file.value, "", issues);
  if (issues.length > 0) throw new SpecError(issues);
}

function visit(file: SpecFile, value: unknown, pointer: string, issues: SpecIssue[]): void {
  if (typeof value === "string") {
    if (value.startsWith(DRAFT_MARK))
      issues.push(issueAt(file, pointer, `this draft gap filled in (${gapText(value)})`));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      visit(file, item, joinPointer(pointer, index), issues);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) visit(file, item, joinPointer(pointer, key), issues);
  }
}

/** The draft's instruction, up to the end of its first sentence. */
function gapText(value: string): string {
  const rest = value.slice(DRAFT_MARK.length).replace(/^[:\s]+/, "");
  if (rest === "") return "a source key registered in spec/sources.json";
  const sentence = rest.split(/(?<=[.)])\s/)[0]!;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}
