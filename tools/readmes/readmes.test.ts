import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { findPython } from "../../packages/python/tools/find-python.mjs";
import { hasMypy, mypyErrors } from "../../packages/python/tools/mypy.mjs";
import { everyId } from "../../spec/read-layout.mjs";

// Every README keeps its word: each TypeScript block compiles as a strict consumer's module (both
// module resolutions we support, TypeScript 7 and 5.9), each Python block type-checks with pyright
// and with mypy (strict) at the Python version it targets, the production handler runs where fc_context is not installed,
// and the subpaths the READMEs name are the packages' exports.
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const scratch = path.join(here, ".tmp-readmes");
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CONTINUES = "<!-- continues the block above -->";
// Debian's mypy; CI installs it, so there a missing one fails the test rather than skipping it
const mypyFound = await hasMypy();
const readmes = [
  "README.md",
  ...readdirSync(path.join(repoRoot, "packages")).map((name) => `packages/${name}/README.md`),
].filter((file) => existsSync(path.join(repoRoot, file)));

/** The fenced blocks of one language; a block marked as continuing the one above is joined to it. */
function blocks(markdown: string, lang: string): string[] {
  const out: string[] = [];
  for (const match of markdown.matchAll(new RegExp(`(${CONTINUES}\\n)?\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``, "g"))) {
    if (match[1] !== undefined && out.length > 0) out[out.length - 1] += `\n\n${match[2]}`;
    else out.push(match[2]!);
  }
  return out;
}

const sources = readmes.map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), "utf8") }));
const slug = (file: string) => file.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

const tsc = async (compiler: string, project: string) =>
  run(process.execPath, [compiler, "-p", project, "--pretty", "false"]).then(
    () => "",
    (error: { stdout: string }) => error.stdout,
  );

describe("TypeScript blocks of the READMEs", () => {
  const files = sources.flatMap(({ file, text }) =>
    blocks(text, "ts").map((code, index) => ({ name: `${slug(file)}-${index}.ts`, file, code })),
  );
  // 7, what this repository builds with; 5.9, what most consumers run; 5.0, the floor the READMEs state
  const compilers = [
    ["TypeScript 7", path.join(repoRoot, "node_modules/typescript/bin/tsc")],
    ["TypeScript 5.9", path.join(repoRoot, "node_modules/typescript5/bin/tsc")],
    ["TypeScript 5.0", path.join(repoRoot, "node_modules/typescript-5.0/bin/tsc")],
  ] as const;
  // node10 reads no "exports": the packages' "types" and "typesVersions" give it the declarations
  const resolutions = [
    { moduleResolution: "nodenext", module: "nodenext" },
    { moduleResolution: "bundler", module: "esnext" },
    { moduleResolution: "node10", module: "esnext" },
  ] as const;

  it("are there to check, in every package README that shows code", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(
    compilers.flatMap(([name, compiler]) =>
      resolutions
        // TypeScript 7 has no node10 any more
        .filter((resolution) => name !== "TypeScript 7" || resolution.moduleResolution !== "node10")
        .map((resolution) => [name, resolution.moduleResolution, compiler, resolution] as const),
    ),
  )(
    "compile under %s with moduleResolution %s, strict, as a consumer's modules",
    async (_name, resolution, compiler, options) => {
      const dir = path.join(scratch, `ts-${slug(compiler)}-${resolution}`);
      await mkdir(dir, { recursive: true });
      for (const { name, code } of files) await writeFile(path.join(dir, name), `${code}\n\nexport {};\n`);
      const compilerOptions = {
        ...options,
        strict: true,
        target: "es2022",
        lib: ["es2022"],
        types: ["node"],
        noEmit: true,
        skipLibCheck: false,
      };
      await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }));
      expect(await tsc(compiler, dir)).toBe("");
    },
  );
});

describe("Python blocks of the READMEs", () => {
  const files = sources.flatMap(({ file, text }) =>
    blocks(text, "python").map((code, index) => ({ name: `${slug(file)}_${index}.py`.replace(/-/g, "_"), file, code })),
  );
  // a block that imports one runtime's module is checked at that runtime's Python; others at all
  const versions = (code: string) => {
    const module = /fc_context\.py(\d)(\d+)/.exec(code);
    return module === null ? ["3.6", "3.9", "3.10", "3.12"] : [`${module[1]}.${module[2]}`];
  };
  const pyright = path.join(repoRoot, "node_modules/pyright/index.js");

  it.each(["3.6", "3.9", "3.10", "3.12"])("type-check with pyright at Python %s", async (version) => {
    const mine = files.filter(({ code }) => versions(code).includes(version));
    const dir = path.join(scratch, `py-${version}`);
    await mkdir(dir, { recursive: true });
    for (const { name, code } of mine) await writeFile(path.join(dir, name), `${code}\n`);
    await writeFile(
      path.join(dir, "pyrightconfig.json"),
      JSON.stringify({ pythonVersion: version, extraPaths: [path.join(repoRoot, "packages/python/src")] }),
    );
    const result = await run(process.execPath, [pyright, "-p", dir, "--outputjson"]).then(
      ({ stdout }) => stdout,
      (error: { stdout: string }) => error.stdout,
    );
    const diagnostics = (
      JSON.parse(result) as { generalDiagnostics: Array<{ file: string; message: string; severity: string }> }
    ).generalDiagnostics;
    expect(
      diagnostics.filter((d) => d.severity === "error").map((d) => `${path.basename(d.file)}: ${d.message}`),
    ).toEqual([]);
  });

  it.skipIf(!mypyFound && process.env.CI !== "true").each(["3.6", "3.9", "3.10", "3.12"])(
    "type-check with mypy (strict) at Python %s",
    async (version) => {
      const mine = files.filter(({ code }) => versions(code).includes(version));
      if (mine.length === 0) return; // mypy takes no empty list of files
      const dir = path.join(scratch, `mypy-${version}`);
      await mkdir(dir, { recursive: true });
      for (const { name, code } of mine) await writeFile(path.join(dir, name), `${code}\n`);
      const sourceDir = path.join(repoRoot, "packages/python/src");
      expect(
        await mypyErrors(
          mine.map(({ name }) => path.join(dir, name)),
          version,
          { sourceDir },
        ),
      ).toEqual([]);
    },
  );

  const production = files.filter(({ code }) => code.includes("if TYPE_CHECKING:"));
  it("show the production handler, which imports the types only for type checking", () => {
    expect(production.map((p) => p.file)).toContain("packages/python/README.md");
  });

  it.each(["3.6", "3.9", "3.10", "3.12"].map((version) => [version, findPython(version)] as const))(
    "the production handler runs on Python %s with fc_context not installed",
    async (_version, interpreter) => {
      if (interpreter === undefined) return;
      const driver = [
        "import importlib.util, logging, types",
        'assert importlib.util.find_spec("fc_context") is None, "fc_context is importable here"',
        'function = types.SimpleNamespace(name="fn")',
        'context = types.SimpleNamespace(request_id="r-1", region="cn-hangzhou", function=function, ' +
          "getLogger=logging.getLogger)",
        'print(handler(b"{}", context))',
      ].join("\n");
      for (const { code } of production) {
        const { stdout } = await run(interpreter, ["-I", "-c", `${code}\n\n${driver}\n`], { cwd: scratch });
        expect(stdout).toBe("fn in cn-hangzhou\n");
      }
    },
  );
});

describe("subpaths", () => {
  const packages = readdirSync(path.join(repoRoot, "packages")).filter((name) =>
    existsSync(path.join(repoRoot, "packages", name, "package.json")),
  );
  const manifests = new Map(
    packages.map((name) => [
      name,
      JSON.parse(readFileSync(path.join(repoRoot, "packages", name, "package.json"), "utf8")) as {
        name: string;
        private?: boolean;
        exports?: Record<string, unknown>;
      },
    ]),
  );

  // a subpath per runtime is named by its pattern (/<id>, /<id>/json), which holds for a runtime the
  // README does not list yet; the README may list today's runtimes beside it
  const ids = everyId().sort((a, b) => b.length - a.length);
  const pattern = (key: string) => {
    // likewise a subpath per event kind: /events/<kind>, /events/<kind>/schema.json
    const kind = /^\.\/events\/[a-z0-9-]+(\/.*)?$/.exec(key);
    if (kind !== null) return `/events/<kind>${kind[1] ?? ""}`;
    const id = ids.find((candidate) => key === `./${candidate}` || key.startsWith(`./${candidate}/`));
    return id === undefined ? undefined : `/<id>${key.slice(id.length + 2)}`;
  };

  it.each(packages.filter((name) => !manifests.get(name)!.private))(
    "each export of %s is named in its README",
    (name) => {
      const readme = readFileSync(path.join(repoRoot, "packages", name, "README.md"), "utf8");
      for (const key of Object.keys(manifests.get(name)!.exports ?? {})) {
        if (key === "." || key === "./package.json") continue;
        expect(readme, `${name}: ${key}`).toContain(pattern(key) ?? key.slice(1).replace(/\*$/, ""));
      }
    },
  );

  it("each @fc-context subpath the READMEs and docs name exists", () => {
    const byName = new Map([...manifests.values()].map((manifest) => [manifest.name, manifest]));
    const docs = readdirSync(path.join(repoRoot, "packages/docs/gen/markdown")).map((file) =>
      readFileSync(path.join(repoRoot, "packages/docs/gen/markdown", file), "utf8"),
    );
    const named = new Set<string>();
    for (const text of [...sources.map((s) => s.text), ...docs]) {
      for (const match of text.matchAll(/@fc-context\/([a-z-]+)(\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_])?/g)) {
        // a placeholder follows ("/markdown/<page>.md"): the pattern is checked by the exports test
        if (/^\/?</.test(text.slice(match.index + match[0].length))) continue;
        named.add(`@fc-context/${match[1]}${match[2] ?? ""}`);
      }
    }
    expect(named.size).toBeGreaterThan(10);
    for (const spec of named) {
      const [, pkg, sub] = /^(@fc-context\/[a-z-]+)(\/.*)?$/.exec(spec)!;
      const manifest = byName.get(pkg!);
      expect(manifest, spec).toBeDefined();
      if (sub === undefined) continue;
      const keys = Object.keys(manifest!.exports ?? {});
      const exists = keys.some(
        (key) => key === `.${sub}` || (key.endsWith("*") && `.${sub}`.startsWith(key.slice(0, -1))),
      );
      expect(exists, `${spec} is not an export of ${pkg}`).toBe(true);
    }
  });
});
