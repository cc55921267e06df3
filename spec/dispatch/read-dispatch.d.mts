/** One recorded invocation of the vendor's runtime (spec/dispatch/README.md says every field). */
export interface DispatchCase {
  readonly file: string;
  readonly name: string;
  readonly scenario: string;
  readonly topic: string;
  readonly runtime: "python3" | "python3.9" | "concurrent";
  readonly interpreter: string;
  readonly origin: string;
  readonly handler_source: string;
  readonly files: Readonly<Record<string, string>>;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body_base64: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: what was observed differs by topic; tests read what they replay
  readonly observed: any;
  readonly varies: ReadonlyArray<{ readonly part: string; readonly explained_by: readonly string[] }>;
  readonly [field: string]: unknown;
}
export declare function readDispatchCases(): DispatchCase[];
export declare function caseBody(dispatchCase: DispatchCase): Buffer;
