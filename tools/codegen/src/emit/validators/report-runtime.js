// Turns ajv errors into issues a person can act on. The generator inlines this file, minified,
// into every runtime's module (one file per module loads measurably faster) and emits it as
// gen/errors.js for the package root. Every copy of FCContextValidationError recognizes the
// errors of every other copy (Symbol.hasInstance), so instanceof works whichever subpath threw.
//
// Messages say what was expected and what kind of value was found, never a string's content:
// secrets (access_key_secret, security_token) and strings that merely hold one never leak. At a
// secret's path the value is described by kind alone, whatever its type (a number, an array).

export class FCContextValidationError extends Error {
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === "FCContextValidationError" && Array.isArray(value.issues);
  }

  constructor(runtime, issues) {
    const count = issues.length === 1 ? "1 issue" : `${issues.length} issues`;
    const lines = issues.map((issue) => `  ${issue.path === "" ? "(the value)" : issue.path}: ${issue.message}`);
    super(`Not a valid ${runtime} context (${count}):\n${lines.join("\n")}`);
    this.name = "FCContextValidationError";
    this.runtime = runtime;
    this.issues = issues;
  }
}

export function readFailure() {
  return {
    path: "",
    message: "unreadable: reading it raised an error (a getter, a proxy trap or an iterator)",
    keyword: "read",
  };
}

export function toIssues(errors, value, runtime, classes, secrets = new Set()) {
  const issues = [];
  const seen = new Set();
  for (const error of errors ?? []) {
    const issue = toIssue(error, value, runtime, classes, secrets);
    const key = `${issue.path}\u0000${issue.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  // a value of the wrong type has one fault, its type: a bound it also misses says nothing more
  return issues.filter((issue) => issue.keyword === "type" || !seen.has(`${issue.path}\u0000type`));
}

function toIssue(error, value, runtime, classes, secrets) {
  const { instancePath: at, keyword, params } = error;
  const owner = classes[at] ?? "this object";
  const got = (pointer) => describe(value, pointer, secrets.has(pointer));
  switch (keyword) {
    case "required":
      return {
        path: `${at}/${escapePointer(params.missingProperty)}`,
        keyword,
        message: `missing: every ${owner} on ${runtime} has the attribute "${params.missingProperty}"`,
      };
    case "additionalProperties":
      return {
        path: `${at}/${escapePointer(params.additionalProperty)}`,
        keyword,
        message: `unexpected: ${owner} on ${runtime} has no attribute ${quoteKey(params.additionalProperty)}`,
      };
    case "type":
      return {
        path: at,
        keyword,
        message:
          `expected ${classes[at] === undefined ? typeNames(params.type) : `${withArticle(classes[at])} object`}, ` +
          `got ${got(at)}`,
      };
    case "minLength":
      return {
        path: at,
        keyword,
        message:
          params.limit === 1
            ? `expected a non-empty string, got ${got(at)}`
            : `expected a string of at least ${params.limit} characters, got ${got(at)}`,
      };
    case "maxLength":
      return { path: at, keyword, message: `expected a string of at most ${params.limit} characters, got ${got(at)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { path: at, keyword, message: `expected a number ${params.comparison} ${params.limit}, got ${got(at)}` };
    case "pattern":
      return {
        path: at,
        keyword,
        message: `expected a string matching ${params.pattern}, got ${got(at)} that does not`,
      };
    default:
      return { path: at, keyword, message: `failed the "${keyword}" rule` };
  }
}

// "an FCContext": an acronym whose letter is said with a vowel sound takes "an", as a vowel does.
function withArticle(word) {
  return `${/^([aeiouAEIOU]|[FHLMNRSX][A-Z])/.test(word) ? "an" : "a"} ${word}`;
}

function typeNames(type) {
  const names = (Array.isArray(type) ? type : String(type).split(",")).map((name) =>
    name === "null" ? "null" : `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`,
  );
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

// Strings are described by length only; numbers and booleans, outside secrets, by value. A
// secret's value by its kind alone: not its length, not its digits.
function describe(root, pointer, kindOnly) {
  let value;
  try {
    value = valueAt(root, pointer);
  } catch {
    return "a value that could not be read";
  }
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return kindOnly
        ? "a string"
        : value.length === 0
          ? "an empty string"
          : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    case "number":
      return kindOnly ? "a number" : `${Number.isInteger(value) ? "the integer" : "the number"} ${value}`;
    case "boolean":
      return kindOnly ? "a boolean" : `the boolean ${value}`;
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

function valueAt(root, pointer) {
  let node = root;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function escapePointer(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

function quoteKey(key) {
  const text = JSON.stringify(String(key));
  return text.length > 62 ? `${text.slice(0, 58)}..."` : text;
}
