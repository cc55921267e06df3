export declare function hasMypy(): Promise<boolean>;
export declare function mypyErrors(
  files: readonly string[],
  version: string,
  options: { readonly sourceDir: string; readonly strict?: boolean },
): Promise<string[]>;
