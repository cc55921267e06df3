/** The benchmark's hand-written check of each trigger event kind, by kind id. */
export declare const handWritten: Readonly<Record<string, (value: unknown) => boolean>>;
