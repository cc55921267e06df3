import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, "..");
const repoRoot = path.resolve(packageDir, "../..");
// TypeScript 7 is what this repository builds with; 5.9 is what most consumers still run; 5.0 is
// the floor the READMEs state for a consumer (the type tests' own tooling, vitest, needs newer).
const compilers = [
  ["TypeScript 7", path.join(repoRoot, "node_modules/typescript/bin/tsc")],
  ["TypeScript 5.9", path.join(repoRoot, "node_modules/typescript5/bin/tsc")],
] as const;
const consumerCompilers = [
  ...compilers,
  ["TypeScript 5.0", path.join(repoRoot, "node_modules/typescript-5.0/bin/tsc")],
] as const;

const tsc = (compiler: string, project: string) =>
  run(process.execPath, [compiler, "-p", project, "--pretty", "false"]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe("the generated declarations", () => {
  it.each(compilers)("compile with the type tests under %s with zero diagnostics", async (_name, compiler) => {
    const result = await tsc(compiler, path.join(packageDir, "tsconfig.json"));
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });
});

// A consumer's handler file, compiled as a consumer would: importing the package by name.
const scratch = path.join(here, ".tmp-consumer");
afterAll(() => rm(scratch, { recursive: true, force: true }));

const handlers: Record<string, string> = {
  "reads-credentials-3.12.ts": `import type { FCContext } from "@fc-context/types/python3.12";
export const handler = (event: unknown, ctx: FCContext): string => ctx.credentials.access_key_id;
`,
  "reads-credentials-3.9.ts": `import type { FCContext } from "@fc-context/types/python3.9";
export const handler = (event: unknown, ctx: FCContext): string => ctx.credentials.access_key_id;
`,
  "reads-log-project-3.9.ts": `import type { FCContext } from "@fc-context/types/python3.9";
export const handler = (event: unknown, ctx: FCContext) => [ctx.log_project, ctx.function.qualifier];
`,
  "reads-log-project-3.12.ts": `import type { FCContext } from "@fc-context/types/python3.12";
export const handler = (event: unknown, ctx: FCContext) => [ctx.log_project, ctx.function.qualifier];
`,
  "by-runtime-id.ts": `import type { ContextOf } from "@fc-context/types";
export const handler = (ctx: ContextOf<"python3.6">): string => ctx.service.name ?? ctx.function.name;
`,
};

describe("a consumer's handler file", () => {
  it.each(consumerCompilers)(
    "reading ctx.credentials fails on python3.12 and compiles on python3.9 (%s)",
    async (_name, compiler) => {
      await mkdir(scratch, { recursive: true });
      for (const [file, source] of Object.entries(handlers)) await writeFile(path.join(scratch, file), source);
      await writeFile(
        path.join(scratch, "tsconfig.json"),
        JSON.stringify({
          extends: "../../../../tsconfig.base.json",
          compilerOptions: { types: [] },
          include: ["*.ts"],
        }),
      );
      const result = await tsc(compiler, path.join(scratch, "tsconfig.json"));
      const errors = result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => line.replace(/^.*[\\/]/, ""));
      const missing = (file: string, property: string, type: string) =>
        expect.stringMatching(
          new RegExp(
            `^${file.replaceAll(".", "\\.")}\\(2,\\d+\\): error TS2339: ` +
              `Property '${property}' does not exist on type '${type}'\\.`,
          ),
        );
      expect(errors).toEqual([
        missing("reads-credentials-3.12.ts", "credentials", "FCContext"),
        missing("reads-log-project-3.9.ts", "log_project", "FCContext"),
        missing("reads-log-project-3.9.ts", "qualifier", "FunctionMeta"),
      ]);
    },
  );
});
