import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SpecError, type SpecIssue } from "../spec-error.js";
import { JsonSyntaxError, parseJson } from "./parse-json.js";

/** One parsed file under spec/. */
export interface SpecFile {
  /** Repository-relative path with forward slashes, as shown in every error. */
  readonly path: string;
  readonly value: unknown;
  locate(pointer: string): { line: number; column: number };
}

export interface SpecTree {
  /** Repository-relative path of the spec folder. */
  readonly dir: string;
  readonly metaSchema: SpecFile;
  /** The registry of sources every x-source key names (spec/sources.json). */
  readonly sources: SpecFile;
  /** Every *.schema.json under spec/ but the meta-schema and the events' family, sorted by path. */
  readonly files: readonly SpecFile[];
}

export const META_SCHEMA_FILE = "meta.schema.json";
/** The trigger events' own spec family (load-events.ts), beside the runtimes'. */
export const EVENTS_DIR = "events";
export const SOURCES_FILE = "sources.json";

/** Reads and parses spec/; every unreadable or malformed file is reported, not only the first. */
export async function loadSpec(root: string, specDir: string): Promise<SpecTree> {
  const absolute = path.resolve(root, specDir);
  const names = (await readdir(absolute, { recursive: true }))
    .map((name) => name.split(path.sep).join("/"))
    .filter((name) => name.endsWith(".schema.json") && !name.startsWith(`${EVENTS_DIR}/`))
    .sort();
  if (!names.includes(META_SCHEMA_FILE)) {
    throw new SpecError([
      { file: `${specDir}/${META_SCHEMA_FILE}`, pointer: "", expected: "the meta-schema file to exist" },
    ]);
  }
  if (!existsSync(path.join(absolute, SOURCES_FILE))) {
    throw new SpecError([
      { file: `${specDir}/${SOURCES_FILE}`, pointer: "", expected: "the registry of sources to exist" },
    ]);
  }
  const issues: SpecIssue[] = [];
  const files: SpecFile[] = [];
  for (const name of [...names, SOURCES_FILE]) {
    const filePath = `${toPosix(specDir)}/${name}`;
    const text = await readFile(path.join(absolute, name), "utf8");
    try {
      const parsed = parseJson(text);
      files.push({ path: filePath, value: parsed.value, locate: parsed.locate });
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      issues.push({
        file: filePath,
        pointer: error.pointer,
        line: error.line,
        column: error.column,
        expected: `valid JSON: ${error.expected}`,
        found: error.found,
      });
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  const metaPath = `${toPosix(specDir)}/${META_SCHEMA_FILE}`;
  const metaSchema = files.find((file) => file.path === metaPath)!;
  const sources = files.find((file) => file.path === `${toPosix(specDir)}/${SOURCES_FILE}`)!;
  const specFiles = files.filter((file) => file !== metaSchema && file !== sources);
  if (!specFiles.some((file) => isRuntimeFile(file))) {
    throw new SpecError([
      { file: toPosix(specDir), pointer: "", expected: "at least one runtime file (a *.schema.json with x-runtime)" },
    ]);
  }
  return { dir: toPosix(specDir), metaSchema, sources, files: specFiles };
}

export function isRuntimeFile(file: SpecFile): boolean {
  return typeof file.value === "object" && file.value !== null && Object.hasOwn(file.value, "x-runtime");
}

function toPosix(value: string): string {
  return value.split(path.sep).join("/").replace(/\/+$/, "");
}
