/**
 * Python source within a width, as a careful hand would wrap it: a line too long is split at its
 * widest bracket, one element a line with a trailing comma, and each new line wrapped again.
 * Docstrings, comments and lines with no bracket to split are left as they are.
 */
export function wrapPythonLines(source: string, width = 100): string {
  const out: string[] = [];
  let inDocstring = false;
  for (const line of source.split("\n")) {
    const quotes = (line.match(/"""/g) ?? []).length;
    if (inDocstring || quotes > 0) {
      out.push(line);
      if (quotes % 2 === 1) inDocstring = !inDocstring;
      continue;
    }
    out.push(...wrap(line, width));
  }
  return out.join("\n");
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width || line.trimStart().startsWith("#")) return [line];
  const split = explode(line);
  return split === undefined ? [line] : split.flatMap((part) => wrap(part, width));
}

interface Bracket {
  readonly open: number;
  readonly close: number;
}

/** The line as head, one element a line, tail; undefined when it has no bracket worth splitting. */
function explode(line: string): string[] | undefined {
  const { code, comment } = splitComment(line);
  const bracket = widestBracket(code);
  if (bracket === undefined) return undefined;
  const indent = /^ */.exec(code)![0];
  const inner = `${indent}    `;
  const { parts: elements, comprehension } = topLevelParts(code.slice(bracket.open + 1, bracket.close));
  if (elements.length === 0) return undefined;
  const last = elements.at(-1)!;
  // no trailing comma after a comprehension, or after *args or **kwargs (Python 3.6's grammar)
  const trailing = comprehension || last.startsWith("*") ? "" : ",";
  const head = code.slice(0, bracket.open + 1).trimEnd();
  const tail = code.slice(bracket.close);
  // a "# type:" comment belongs to the statement's first line, where checkers report
  return [
    `${head}${comment}`,
    ...elements.map((element, index) => `${inner}${element}${index === elements.length - 1 ? trailing : ","}`),
    `${indent}${tail}`,
  ];
}

function splitComment(line: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "#") return { code: line.slice(0, i).trimEnd(), comment: `  ${line.slice(i)}` };
  }
  return { code: line, comment: "" };
}

/** The outermost bracket pair with the most inside it. */
function widestBracket(code: string): Bracket | undefined {
  const pairs: Bracket[] = [];
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const char = code[i]!;
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ("([{".includes(char)) stack.push(i);
    else if (")]}".includes(char)) {
      const open = stack.pop();
      if (open !== undefined && stack.length === 0) pairs.push({ open, close: i });
    }
  }
  // a subscript (x[...], f()[...]) is not a list: split, it would become a tuple
  const subscript = (pair: Bracket) => code[pair.open] === "[" && /[\w)\]]/.test(code[pair.open - 1] ?? "");
  const useful = pairs.filter((pair) => pair.close - pair.open > 2 && !subscript(pair));
  return useful.sort((a, b) => b.close - b.open - (a.close - a.open))[0];
}

/**
 * The comma-separated parts of a bracket's inside, at its own depth; a comprehension ("x for x in
 * y", with commas of its own) is one part that takes no trailing comma.
 */
function topLevelParts(inside: string): { parts: string[]; comprehension: boolean } {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  let comprehension = false;
  for (let i = 0; i < inside.length; i++) {
    const char = inside[i]!;
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ("([{".includes(char)) depth++;
    else if (")]}".includes(char)) depth--;
    else if (depth === 0 && inside.startsWith(" for ", i)) comprehension = true;
    else if (char === "," && depth === 0) {
      parts.push(inside.slice(start, i).trim());
      start = i + 1;
    }
  }
  const rest = inside.slice(start).trim();
  if (rest !== "") parts.push(rest);
  return comprehension ? { parts: [inside.trim()], comprehension } : { parts: joinLambdas(parts), comprehension };
}

/** "lambda a" and "b: a + b" are one part: a lambda's parameters end at its colon. */
function joinLambdas(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const previous = out.at(-1);
    const lambda = previous === undefined ? -1 : previous.search(/\blambda\b/);
    if (previous !== undefined && lambda >= 0 && !previous.slice(lambda).includes(":"))
      out[out.length - 1] = `${previous}, ${part}`;
    else out.push(part);
  }
  return out;
}
