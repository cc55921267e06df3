export declare const conformanceDir: string;
/** A data file's JSON without loss: an int past 2**53 - 1 in magnitude is a BigInt, every other number a number. */
export declare function readExactJson(file: string): unknown;
export interface Leaf {
  readonly type: string;
  readonly value?: unknown;
  readonly arbitrary?: boolean;
  readonly root?: boolean;
}
export interface Tree {
  readonly class: string;
  readonly attributes: Readonly<Record<string, Leaf | Tree>>;
}
export type Outcome =
  | { readonly context: Tree }
  | { readonly error: { readonly type: string; readonly message: string } }
  | { readonly not_invoked: string };
export interface ConformanceCase {
  readonly name: string;
  readonly origin: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly observed: { readonly default?: Readonly<Record<string, Outcome>>; readonly concurrent?: Outcome };
}
export declare function readCases(): ConformanceCase[];
export declare function readBaggage(): Array<{
  name: string;
  header_value: string;
  observed: Record<string, { type: string; value: unknown }>;
}>;
export declare function fromClient(testCase: ConformanceCase): boolean;
export declare function observed(
  testCase: ConformanceCase,
  runtime: string,
  path: "default" | "concurrent",
): Outcome | undefined;
