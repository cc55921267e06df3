/** A module's source followed by the sources of the package modules it imports (`./…`), each once. */
export declare function withLocalImports(file: string, seen?: Set<string>): string;
