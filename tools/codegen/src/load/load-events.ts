import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SpecError, type SpecIssue } from "../spec-error.js";
import { EVENTS_DIR, type SpecFile } from "./load-spec.js";
import { JsonSyntaxError, parseJson } from "./parse-json.js";

/** The trigger events' spec family: spec/events/, one file per kind, shared definitions, its sources. */
export interface EventTree {
  /** Repository-relative path of the folder (spec/events). */
  readonly dir: string;
  readonly metaSchema: SpecFile;
  /** The registry of sources every x-source key of the events names. */
  readonly sources: SpecFile;
  /** Every *.schema.json of the folder and below but the meta-schema, sorted by path. */
  readonly files: readonly SpecFile[];
  /** The vendor's samples, samples/<kind>/*.json, sorted by path. */
  readonly samples: readonly SpecFile[];
}

/**
 * Reads spec/events/ when there is one (a spec of runtimes alone has none): every file parsed with
 * positions; every unreadable or malformed file reported at once.
 */
export async function loadEvents(root: string, specDir: string): Promise<EventTree | undefined> {
  const dir = `${toPosix(specDir)}/${EVENTS_DIR}`;
  const absolute = path.resolve(root, dir);
  if (!existsSync(absolute)) return undefined;
  const all = (await readdir(absolute, { recursive: true })).map((name) => name.split(path.sep).join("/")).sort();
  const names = all.filter((name) => name.endsWith(".schema.json") && !name.startsWith("samples/"));
  const sampleNames = all.filter((name) => /^samples\/[^/]+\/[^/]+\.json$/.test(name));
  const required = ["meta.schema.json", "sources.json"];
  const missing = required.filter((name) => !existsSync(path.join(absolute, name)));
  if (missing.length > 0)
    throw new SpecError(
      missing.map((name) => ({ file: `${dir}/${name}`, pointer: "", expected: "the file to exist" })),
    );
  const issues: SpecIssue[] = [];
  const files: SpecFile[] = [];
  for (const name of [...new Set([...names, ...required]), ...sampleNames]) {
    const file = `${dir}/${name}`;
    try {
      const parsed = parseJson(await readFile(path.join(absolute, name), "utf8"));
      files.push({ path: file, value: parsed.value, locate: parsed.locate });
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const { pointer, line, column, expected, found } = error;
      issues.push({ file, pointer, line, column, expected: `valid JSON: ${expected}`, found });
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  const take = (name: string) => files.find((file) => file.path === `${dir}/${name}`)!;
  const metaSchema = take("meta.schema.json");
  const sources = take("sources.json");
  const samples = files.filter((file) => file.path.startsWith(`${dir}/samples/`));
  const specFiles = files.filter((file) => file !== metaSchema && file !== sources && !samples.includes(file));
  return { dir, metaSchema, sources, files: specFiles, samples };
}

function toPosix(dir: string): string {
  return dir.split(path.sep).join("/").replace(/\/+$/, "");
}
