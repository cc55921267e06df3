// What every command shares: exit codes, errors, reading input, writing output. Results go to
// stdout, diagnostics (usage, unreadable input, hints) to stderr; colour as FORCE_COLOR, NO_COLOR
// and the terminal say (colours()); secrets are masked before anything is printed.
import { readFile } from "node:fs/promises";

// notInvoked: fc-context run, when the runtime would not have invoked the handler at all
export const EXIT = { ok: 0, invalid: 1, usage: 2, notInvoked: 3 } as const;
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

/** The text of a file, or of standard input for "-"; bytes that are not UTF-8 are an InputError. */
export async function readText(source: string, stdin: Io["stdin"]): Promise<string> {
  return utf8(await readBytes(source, stdin), source);
}

// a decoder that replaced bad bytes with U+FFFD would change the data without a word
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function utf8(bytes: Uint8Array, source: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new InputError(`${sourceName(source)}: not UTF-8 text: expected JSON in UTF-8`);
  }
}

/** The bytes of a file, or of standard input for "-"; a file that cannot be read is an InputError. */
export async function readBytes(source: string, stdin: Io["stdin"]): Promise<Uint8Array> {
  if (source === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(source);
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

/**
 * A value with every BigInt as the nearest number. For a verdict only: an int past 2**53 - 1 is
 * still an int, so no check of a context's shape changes its answer, but the number is not the
 * value, so what this returns is never printed or written.
 */
export function forVerdict(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(forVerdict);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, forVerdict(item));
    return out;
  }
  return value;
}

export function paint(io: Io, colour: "red" | "green" | "bold", text: string): string {
  const codes = { red: 31, green: 32, bold: 1 };
  return colours(io) ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}

/**
 * Whether to colour standard output, by the conventions: FORCE_COLOR set and not empty colours it,
 * wherever it goes, unless it is "0" or "false", which turns colour off (as Node reads it); else
 * NO_COLOR set and not empty turns it off (no-color.org); else colour only a terminal.
 */
export function colours(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.stdout.isTTY === true;
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
