// What every command shares: exit codes, errors, reading input, writing output. Results go to
// stdout, diagnostics (usage, unreadable input, hints) to stderr; no colour unless stdout is a
// terminal and NO_COLOR is unset; secrets are masked before anything is printed.
import { readFile } from "node:fs/promises";

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A fault in how the command was called: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that cannot be read or is not JSON: printed as is (file:line:column), exit 2. */
export class InputError extends UsageError {
  override name = "InputError";
}

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** How a source is named in messages: the file path, or "standard input" for "-". */
export const sourceName = (source: string): string => (source === "-" ? "standard input" : source);

/** The text of a file, or of standard input for "-". */
export async function readText(source: string, stdin: Io["stdin"]): Promise<string> {
  if (source === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(source, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "a directory"
          : code === "EACCES"
            ? "permission denied"
            : (code ?? String(error));
    throw new InputError(`cannot read ${source}: ${why}`);
  }
}

/** The JSON value of a text; bad JSON is an InputError naming file:line:column. */
export function parseJson(text: string, source: string): unknown {
  const where = sourceName(source);
  if (text.trim() === "") throw new InputError(`${where}: empty: expected a JSON value`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const position = at === null ? text.length : Number(at[1]);
    const { line, column } = lineAndColumn(text, position);
    const reason = message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
    throw new InputError(`${where}:${line}:${column}: not JSON: ${reason}`);
  }
}

export async function readJson(source: string, stdin: Io["stdin"]): Promise<unknown> {
  return parseJson(await readText(source, stdin), source);
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return { line, column: position - before.lastIndexOf("\n") };
}

export function paint(io: Io, colour: "red" | "green" | "bold", text: string): string {
  const codes = { red: 31, green: 32, bold: 1 };
  return io.stdout.isTTY === true && !io.env.NO_COLOR ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}

/**
 * A copy with every secret that is set (not empty, not null) masked, whatever its type, at the given
 * attribute paths.
 */
export function maskSecrets<T>(value: T, paths: readonly (readonly string[])[]): T {
  const copy = structuredClone(value);
  for (const path of paths) {
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) node = isObject(node) ? node[key] : undefined;
    const last = path.at(-1)!;
    if (isObject(node) && node[last] != null && node[last] !== "") node[last] = "********";
  }
  return copy;
}

/** Sets an own property, whatever the name: a report's "__proto__" is a name, not a prototype. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function write(stream: Output, text: string): void {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
}
