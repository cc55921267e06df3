/** Writes the wheel and sdist of fc-context into out (out of tree); returns their paths. */
export declare function buildDist(out: string): string[];
