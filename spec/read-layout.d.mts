export interface RuntimeLayout {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly ids: readonly string[];
  readonly pythonVersion: string;
  readonly pythonModule: string;
  /** The runtime whose model this one shares (its own id when it has its own). */
  readonly model: string;
  readonly toJson: boolean;
  readonly specFile: string;
}
export interface Layout {
  readonly specVersion: string;
  readonly runtimes: readonly RuntimeLayout[];
  readonly exports: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
export declare function readLayout(): Layout;
export declare function layoutRuntimes(): readonly RuntimeLayout[];
export declare function everyId(): string[];
export declare function runtimeOfId(id: string): RuntimeLayout | undefined;
/** An id the spec does not have: python3.N for the first N past every runtime's minor version. */
export declare function newRuntimeId(): string;
/** The groups of runtimes that share one model, where a model has more than one runtime. */
export declare function sharedModels(): RuntimeLayout[][];
