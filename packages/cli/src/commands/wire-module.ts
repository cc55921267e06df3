import type { ValidationIssue } from "@fc-context/validators";

/** What the commands use of a runtime's @fc-context/wire module (loaded by runtime id). */
export interface WireModule {
  fromHeaders(headers: unknown, options?: { path?: "default" | "concurrent" }): unknown;
  toHeaders(context: unknown): Record<string, string>;
  readonly secretPaths: readonly (readonly string[])[];
  readonly FCHeaderError: new (...args: never[]) => Error & { header: string; outcome: string };
}

export async function loadWire(runtime: string): Promise<WireModule> {
  return (await import(/* @vite-ignore */ `@fc-context/wire/${runtime}`)) as WireModule;
}

/** An FCHeaderError as a validation issue at its header; anything else is rethrown. */
export function headerIssue(wire: WireModule, error: unknown): ValidationIssue {
  if (!(error instanceof wire.FCHeaderError)) throw error;
  return { path: error.header, message: error.message.slice(error.header.length + 2), keyword: "header" };
}
