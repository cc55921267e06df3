// Names more than one target gives a runtime's things, shared so the targets agree.

/** "python3.10" -> "Python310": the namespace a runtime's types are exported under, and its identifier. */
export function namespaceOf(id: string): string {
  return `Python${id.replace(/^python/, "").replaceAll(".", "")}`;
}

/** "a" or "an" before a word, by how it is read: "an oss event", "an http-v1 trigger", "a timer event". */
export function article(word: string): string {
  return /^(?:[aeio]|http|u(?!s))/i.test(word) ? "an" : "a";
}

/** HttpTriggerResponse -> http_trigger_response: a type's name as a Python function's. */
export function snakeOf(name: string): string {
  return name.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();
}

/** OssEvent -> ossEvent: a type's name as a TypeScript function's. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** eventbridge-kafka -> parse_eventbridge_kafka: the Python parser of an event kind. */
export function pythonParserName(kind: string): string {
  return `parse_${kind.replaceAll("-", "_")}`;
}
