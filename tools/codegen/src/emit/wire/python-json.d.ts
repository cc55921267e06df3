/** JSON that parses, holding an int past 2**53 - 1 in magnitude: Python holds it, a number would round it. */
export declare class InexactIntegerError extends RangeError {
  readonly name: "InexactIntegerError";
}

/**
 * Python's json.loads of a str, as the runtime's baggage decoder calls it: NaN and Infinity
 * allowed, the last of duplicate keys kept. Throws a SyntaxError for text that is not JSON, and
 * InexactIntegerError for JSON holding an integer past 2**53 - 1 in magnitude, which Python holds
 * exactly and a JavaScript number would round.
 */
export declare function parsePythonJson(text: string): unknown;

/**
 * The text CPython's json.dumps writes with its defaults, as Python's to_headers writes the
 * baggage. Throws a TypeError for what JSON.stringify refuses (a BigInt, a cycle) and for a value
 * it writes nothing for (undefined, a function).
 */
export declare function pythonJsonText(value: unknown): string;
