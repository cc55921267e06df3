/**
 * Every fault in spec input becomes a SpecIssue: the file, the JSON pointer inside it, where that
 * is in the text, and what was expected. Generation stops on the first stage that finds any, and
 * reports all of that stage's issues at once so one run shows every fault.
 */
export interface SpecIssue {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** RFC 6901 JSON pointer into the file; "" is the whole document. */
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
  /** What the spec must contain here, phrased to complete "expected ...". */
  readonly expected: string;
  /** What was found, when showing it helps. */
  readonly found?: string;
}

export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];

  constructor(issues: readonly SpecIssue[]) {
    const sorted = [...issues].sort(compareIssues);
    super(formatIssues(sorted));
    this.name = "SpecError";
    this.issues = sorted;
  }
}

export function formatIssue(issue: SpecIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const found = issue.found === undefined ? "" : `, found ${issue.found}`;
  return `${where} at #${issue.pointer}: expected ${issue.expected}${found}`;
}

export function formatIssues(issues: readonly SpecIssue[]): string {
  const head = issues.length === 1 ? "1 problem in spec/" : `${issues.length} problems in spec/`;
  return [`${head}; nothing was written.`, ...issues.map((issue) => `  ${formatIssue(issue)}`)].join("\n");
}

function compareIssues(a: SpecIssue, b: SpecIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  return a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0;
}

/** Shows a found value briefly: JSON, cut to a readable length. */
export function describeFound(value: unknown): string {
  const text = value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A spec file as an issue needs it: its path, and where a pointer is in its text. */
export interface LocatedFile {
  readonly path: string;
  locate(pointer: string): { line?: number; column?: number };
}

/** The issue at a pointer of a file: what was expected there, and what was found when that helps. */
export function issueAt(file: LocatedFile, pointer: string, expected: string, ...found: [unknown?]): SpecIssue {
  const issue: SpecIssue = { file: file.path, pointer, ...file.locate(pointer), expected };
  // "found nothing" (undefined) is worth saying; no argument at all is not
  return found.length > 0 ? { ...issue, found: describeFound(found[0]) } : issue;
}
