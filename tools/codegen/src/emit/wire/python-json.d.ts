/**
 * Python's json.loads of a str, as the runtime's baggage decoder calls it: NaN and Infinity
 * allowed, the last of duplicate keys kept, integers exact where a double can hold them. Throws a
 * SyntaxError for text that is not JSON.
 */
export declare function parsePythonJson(text: string): unknown;

/**
 * The text CPython's json.dumps writes with its defaults, as Python's to_headers writes the
 * baggage. Throws a TypeError for what JSON.stringify refuses (a BigInt, a cycle) and for a value
 * it writes nothing for (undefined, a function).
 */
export declare function pythonJsonText(value: unknown): string;
