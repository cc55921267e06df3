import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { SpecError } from "./spec-error.js";

const usage = `Usage: npm run generate [-- --check] [--spec <dir>] [--root <dir>]

Regenerates every package from spec/ in one process.
  --check        compare the generated files with the ones on disk; write nothing
  --spec <dir>   the spec folder, relative to the root (default: spec)
  --root <dir>   the repository root (default: this checkout)
Exit codes: 0 done, 1 bad spec or drift (nothing written), 2 usage error.`;

async function main(argv: string[]): Promise<number> {
  let values: { check?: boolean; spec?: string; root?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: "boolean" },
        spec: { type: "string" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const root = path.resolve(values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../../.."));
  const started = performance.now();
  try {
    const result = await generate({ root, specDir: values.spec ?? "spec", check: values.check ?? false });
    const count = result.outputs.reduce((sum, output) => sum + output.files.size, 0);
    const summary = `${count} files for ${result.model.runtimes.length} runtimes from spec ${result.model.specVersion}`;
    if (result.drift !== undefined) {
      if (result.drift.length > 0) {
        const lines = result.drift.map((drift) => `  ${drift.kind.padEnd(10)} ${drift.file}`);
        process.stderr.write(
          `Generated files differ from spec/:\n${lines.join("\n")}\nRun \`npm run generate\` and commit the result.\n`,
        );
        return 1;
      }
      process.stdout.write(`Up to date: ${summary}.\n`);
      return 0;
    }
    process.stdout.write(`Generated ${summary} in ${Math.round(performance.now() - started)} ms.\n`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
