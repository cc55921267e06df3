/** A header the runtime cannot turn into a context, as its own int() would fail on it. */
export declare class FCHeaderError extends Error {
  constructor(header: string, message: string);
  readonly name: "FCHeaderError";
  /** The header, lower case. */
  readonly header: string;
}

/** Request headers as Node gives them (IncomingHttpHeaders) or as a plain object of strings. */
export type HeaderInput = Readonly<Record<string, string | readonly string[] | undefined>>;
