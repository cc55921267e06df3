// Input, output and the conventions every command shares: errors on stderr, exit 0 for valid,
// 1 for invalid, 2 for a usage error, no colour unless stdout is a terminal, secrets masked.
import { readFile } from "node:fs/promises";

export const EXIT = { ok: 0, invalid: 1, usage: 2 };

export class UsageError extends Error {}

/** The JSON of a file, or of standard input for "-". A read failure is a usage error; bad JSON is invalid input. */
export async function readJson(source, stdin) {
  let text;
  if (source === "-") {
    const chunks = [];
    for await (const chunk of stdin) chunks.push(chunk);
    text = Buffer.concat(chunks).toString("utf8");
  } else {
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${error.code ?? error.message}`);
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `${source === "-" ? "standard input" : source} is not JSON: ${error.message}` };
  }
}

export function paint(io, colour, text) {
  const codes = { red: 31, green: 32, bold: 1 };
  return io.stdout.isTTY && !io.env.NO_COLOR ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}

/** A copy with every secret that is set (not empty, not null) replaced, whatever its type, at the given attribute paths. */
export function maskSecrets(value, paths) {
  const copy = structuredClone(value);
  for (const path of paths) {
    let node = copy;
    for (const key of path.slice(0, -1)) node = node !== null && typeof node === "object" ? node[key] : undefined;
    const last = path.at(-1);
    if (node !== null && typeof node === "object" && node[last] != null && node[last] !== "") node[last] = "********";
  }
  return copy;
}

export function write(stream, text) {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
}
