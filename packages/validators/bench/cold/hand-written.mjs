import { context } from "./context.js";

const started = performance.now();
const { isClassicContext } = await import("../hand-written.js");
if (!isClassicContext(context)) process.exit(1);
process.stdout.write(String(performance.now() - started));
