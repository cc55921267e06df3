import { fakeContext } from "@fc-context/testing";
import { EXIT, maskSecrets, write } from "../io.js";
import { runtimeOption } from "../main.js";

const usage = `Usage: fc-context fake --runtime <id> [--json]

Prints a realistic context of the runtime as JSON (its attribute view): no role, tracing off,
the LATEST version, a fresh request id. Secrets, if any, are masked.`;

export const fake = {
  usage,
  options: { runtime: { type: "string" }, json: { type: "boolean" } },
  async run(positionals, values, io) {
    if (positionals.length > 0) write(io.stderr, `fc-context fake: ignoring ${positionals.join(" ")}`);
    const runtime = runtimeOption(values.runtime);
    const { secretPaths } = await import(`@fc-context/wire/${runtime}`);
    write(io.stdout, JSON.stringify(maskSecrets(fakeContext(runtime), secretPaths), null, 2));
    return EXIT.ok;
  },
};
