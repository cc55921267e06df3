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
export interface EventLayout {
  /** The kind's id: "oss", "eventbridge-kafka". */
  readonly kind: string;
  /** The event's type name: "OssEvent". */
  readonly title: string;
  /** What the handler's bytes hold: "json", "json-or-text" or "cbor". */
  readonly arrives: string;
  readonly specFile: string;
  /** The type a handler returns to answer the trigger, for a kind whose trigger reads it: "HttpTriggerResponse". */
  readonly response?: string;
}
export interface Layout {
  readonly specVersion: string;
  readonly runtimes: readonly RuntimeLayout[];
  readonly events: readonly EventLayout[];
  readonly exports: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}
export declare function readLayout(): Layout;
export declare function layoutRuntimes(): readonly RuntimeLayout[];
/** Every trigger event kind, by id. */
export declare function layoutEvents(): readonly EventLayout[];
export declare function everyId(): string[];
export declare function runtimeOfId(id: string): RuntimeLayout | undefined;
/** An id the spec does not have: python3.N for the first N past every runtime's minor version. */
export declare function newRuntimeId(): string;
/** The groups of runtimes that share one model, where a model has more than one runtime. */
export declare function sharedModels(): RuntimeLayout[][];
