import { context } from "./context.js";

const started = performance.now();
const [{ Ajv2020 }, { default: schema }] = await Promise.all([
  import("ajv/dist/2020.js"),
  import("@fc-context/validators/python3.9/schema.json", { with: { type: "json" } }),
]);
const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
if (!validate(context)) process.exit(1);
process.stdout.write(String(performance.now() - started));
