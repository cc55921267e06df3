import type { ExitCode, Io } from "./io.js";

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** A subcommand: its usage text, its options (node:util parseArgs), and what it does. */
export interface Command {
  readonly usage: string;
  readonly options: Record<
    string,
    { type: "string" | "boolean"; short?: string; default?: string | boolean; multiple?: boolean }
  >;
  run(positionals: readonly string[], values: OptionValues, io: Io): Promise<ExitCode>;
}
