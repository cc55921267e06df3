/**
 * Whether a value is what the validators report for an invalid input: at least one issue, each with
 * a JSON pointer, a message and a keyword.
 */
export function isIssueList(issues: unknown): boolean {
  return (
    Array.isArray(issues) &&
    issues.length > 0 &&
    issues.every(
      (i) =>
        typeof i.path === "string" &&
        (i.path === "" || i.path.startsWith("/")) &&
        typeof i.message === "string" &&
        typeof i.keyword === "string",
    )
  );
}
