// The context every cold-start script checks, read before the script starts its clock.
import { readFileSync } from "node:fs";

const vector = new URL("../../../../spec/vectors/python3.9/valid/no-role-tracing-off.json", import.meta.url);
export const context = JSON.parse(readFileSync(vector, "utf8")).value;
