import type { Runtime } from "../../model.js";
import { pythonUnicode } from "../wire-shapes.js";

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split(".").map(Number);
  return a! > major || (a === major && b! >= minor);
}

/** Whether a runtime's Python has dataclasses (3.7 and later), which its classes are then made of. */
export const hasDataclasses = (runtime: Runtime): boolean => versionAtLeast(runtime.pythonVersion, 3, 7);

// Two runtimes share a module when they share a model and their Python reads it alike: the same
// class features (dataclasses from 3.7) and the same Unicode digits for int().
export const pythonAlike = (runtime: Runtime): string => `${hasDataclasses(runtime)} ${pythonUnicode(runtime)}`;
