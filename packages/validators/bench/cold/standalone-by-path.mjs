import { context } from "./context.js";

const started = performance.now();
const { isFCContext } = await import("../../gen/python3.9.js");
if (!isFCContext(context)) process.exit(1);
process.stdout.write(String(performance.now() - started));
