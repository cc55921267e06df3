export declare function pyenvRoot(): string;
export declare function findPython(version: string): string | undefined;
