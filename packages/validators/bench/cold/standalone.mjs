import { context } from "./context.js";

const started = performance.now();
const { isFCContext } = await import("@fc-context/validators/python3.9");
if (!isFCContext(context)) process.exit(1);
process.stdout.write(String(performance.now() - started));
