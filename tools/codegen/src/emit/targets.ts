import type { Model } from "../model.js";
import { emitCli } from "./cli/emit-cli.js";
import { emitDocs } from "./docs/emit-docs.js";
import { emitPython } from "./python/emit-python.js";
import { emitTesting } from "./testing/emit-testing.js";
import { emitTypes } from "./types/emit-types.js";
import { emitValidators } from "./validators/emit-validators.js";
import { emitWire } from "./wire/emit-wire.js";

/**
 * The targets the generator writes. Each owns one folder outright (the writer replaces it
 * whole), and each emit is a pure function of the model: adding a target is one entry here.
 */
export interface Target {
  readonly name: string;
  /** Repository-relative folder holding nothing but this target's output. */
  readonly dir: string;
  readonly emit: (model: Model) => Promise<ReadonlyMap<string, string>>;
}

export const targets: readonly Target[] = [
  { name: "types", dir: "packages/types/gen", emit: emitTypes },
  { name: "validators", dir: "packages/validators/gen", emit: emitValidators },
  { name: "python", dir: "packages/python/src/fc_context", emit: emitPython },
  { name: "wire", dir: "packages/wire/gen", emit: emitWire },
  { name: "testing", dir: "packages/testing/gen", emit: emitTesting },
  { name: "docs", dir: "packages/docs/gen", emit: emitDocs },
  { name: "cli", dir: "packages/cli/gen", emit: emitCli },
];
