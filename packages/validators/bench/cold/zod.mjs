import { context } from "./context.js";

const started = performance.now();
const { classicContext } = await import("../zod-schemas.js");
if (!classicContext.safeParse(context).success) process.exit(1);
process.stdout.write(String(performance.now() - started));
