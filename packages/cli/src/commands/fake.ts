import { fakeContext, fakeEvent } from "@fc-context/testing";
import type { Command } from "../command.js";
import { EXIT, maskSecrets, UsageError, write } from "../io.js";
import { runtimeOption } from "../options.js";
import { eventOption } from "./validate-event.js";
import { loadWire } from "./wire-module.js";

const usage = `Usage: fc-context fake --runtime <id> [--json]
       fc-context fake --event <kind> [--json]

Prints a realistic context of the runtime as JSON (its attribute view): no role, tracing off,
the LATEST version, a fresh request id. Secrets, if any, are masked. The output is JSON with or
without --json, which other commands take, so scripts may pass it to every command alike.

With --event: a realistic event of the trigger kind instead (its first valid vendor sample), as
JSON; fc-context validate --event takes it (for tablestore, whose events are CBOR, it is the
decoded structure).`;

export const fake: Command = {
  usage,
  options: { runtime: { type: "string" }, json: { type: "boolean" }, event: { type: "string" } },
  async run(positionals, values, io) {
    if (positionals.length > 0) throw new UsageError(`takes no file, got ${positionals.join(" ")}`);
    if (values.event !== undefined) {
      if (values.runtime !== undefined) throw new UsageError("--event fakes an event, --runtime a context: give one");
      write(io.stdout, JSON.stringify(fakeEvent(eventOption(values.event as string)), null, 2));
      return EXIT.ok;
    }
    const runtime = runtimeOption(values.runtime as string | undefined);
    const { secretPaths } = await loadWire(runtime);
    write(io.stdout, JSON.stringify(maskSecrets(fakeContext(runtime), secretPaths), null, 2));
    return EXIT.ok;
  },
};
