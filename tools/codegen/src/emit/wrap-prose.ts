/**
 * Prose wrapped at a width for a comment a reader sees in an editor: words move to the next line,
 * lines that are already short and blank lines stay, and a `code span` is never split, so a
 * signature or a header name reads whole (a line holding one longer word stays long).
 */
export function wrapProse(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => wrapLine(line, width))
    .join("\n");
}

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const out: string[] = [];
  let current = "";
  for (const word of words(line)) {
    if (current !== "" && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  if (current !== "") out.push(current);
  return out.join("\n");
}

/** The line's words, a code span with spaces counting as one. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const piece of line.split(" ").filter((part) => part !== "")) {
    const last = out.at(-1);
    const open = last !== undefined && (last.match(/`/g)?.length ?? 0) % 2 === 1;
    if (open) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** The text of a JSDoc comment wrapped at a width; a "*\/" inside it would end the comment early. */
export function jsDocText(text: string, width: number): string {
  return wrapProse(text, width).replaceAll("*/", "*\\/");
}

/** A JSDoc comment at an indent: on one line when it fits in 100 columns, else wrapped in a block. */
export function jsDoc(text: string, indent = ""): string {
  const single = `${indent}/** ${jsDocText(text, Number.POSITIVE_INFINITY)} */`;
  if (single.length <= 100 && !text.includes("\n")) return single;
  const body = jsDocText(text, 100 - indent.length - 3)
    .split("\n")
    .map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`));
  return [`${indent}/**`, ...body, `${indent} */`].join("\n");
}
