import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Output {
  /** Repository-relative folder that the output replaces whole. */
  readonly dir: string;
  /** File contents by path relative to dir. */
  readonly files: ReadonlyMap<string, string>;
}

export interface WriteHooks {
  /** Called before each folder is swapped in; tests throw here to prove the rollback. */
  readonly beforeSwap?: (dir: string) => void;
}

/**
 * Writes every output folder or none: each is written in full beside its destination first,
 * then all are swapped in by rename. A failure while writing leaves the old folders untouched;
 * a failure while swapping puts back the folders already swapped.
 */
export async function writeOutputs(root: string, outputs: readonly Output[], hooks: WriteHooks = {}): Promise<void> {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const plans = outputs.map((output) => {
    const target = path.resolve(root, output.dir);
    return { output, target, staging: `${target}.staging-${tag}`, backup: `${target}.previous-${tag}` };
  });
  try {
    for (const { output, staging } of plans) {
      for (const [file, contents] of output.files) {
        const destination = path.resolve(staging, file);
        if (!destination.startsWith(staging + path.sep))
          throw new Error(`refusing to write outside ${output.dir}: ${file}`);
        await mkdir(path.dirname(destination), { recursive: true });
        await writeFile(destination, contents);
      }
      await mkdir(staging, { recursive: true });
    }
  } catch (error) {
    await Promise.all(plans.map(({ staging }) => rm(staging, { recursive: true, force: true })));
    throw error;
  }

  const swapped: typeof plans = [];
  try {
    for (const plan of plans) {
      hooks.beforeSwap?.(plan.output.dir);
      const hadOld = await rename(plan.target, plan.backup).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      swapped.push({ ...plan, backup: hadOld ? plan.backup : "" });
      await rename(plan.staging, plan.target);
    }
  } catch (error) {
    for (const plan of swapped.reverse()) {
      await rm(plan.target, { recursive: true, force: true });
      if (plan.backup !== "") await rename(plan.backup, plan.target);
    }
    await Promise.all(plans.map(({ staging }) => rm(staging, { recursive: true, force: true })));
    throw error;
  }
  await Promise.all(
    swapped.filter((plan) => plan.backup !== "").map((plan) => rm(plan.backup, { recursive: true, force: true })),
  );
}
