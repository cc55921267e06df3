// Names more than one target gives a runtime's things, shared so the targets agree.

/** "python3.10" -> "Python310": the namespace a runtime's types are exported under, and its identifier. */
export function namespaceOf(id: string): string {
  return `Python${id.replace(/^python/, "").replaceAll(".", "")}`;
}
