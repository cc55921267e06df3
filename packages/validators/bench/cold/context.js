// The context every cold-start script checks, read before the script starts its clock: the base
// context of python3.9's model (spec/vectors).
import { readBase } from "../../../../spec/vectors/read-vectors.mjs";

export const context = readBase("python3.9");
