import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Output {
  /** Repository-relative folder that the output replaces whole (or, scope "files", writes into). */
  readonly dir: string;
  /** File contents by path relative to dir. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * "folder" (the default): the files are the folder's whole content. "files": only these files are
   * replaced, each whole; the rest of the folder is hand-written (a package.json beside its README).
   */
  readonly scope?: "folder" | "files";
}

export interface WriteHooks {
  /** Called before each folder is swapped in; tests throw here to prove the rollback. */
  readonly beforeSwap?: (dir: string) => void;
}

/** One thing swapped in by rename: an output folder, or one file of a "files" output. */
interface Plan {
  readonly label: string;
  readonly target: string;
  readonly staging: string;
  readonly backup: string;
  stage(): Promise<void>;
}

function plansOf(root: string, output: Output, tag: string): Plan[] {
  const dir = path.resolve(root, output.dir);
  const inside = (base: string, file: string) => {
    const destination = path.resolve(base, file);
    if (!destination.startsWith(base + path.sep)) throw new Error(`refusing to write outside ${output.dir}: ${file}`);
    return destination;
  };
  if (output.scope === "files")
    return [...output.files].map(([file, contents]) => {
      const target = inside(dir, file);
      const staging = `${target}.staging-${tag}`;
      return {
        label: `${output.dir}/${file}`,
        target,
        staging,
        backup: `${target}.previous-${tag}`,
        stage: () => writeFile(staging, contents),
      };
    });
  const staging = `${dir}.staging-${tag}`;
  return [
    {
      label: output.dir,
      target: dir,
      staging,
      backup: `${dir}.previous-${tag}`,
      async stage() {
        for (const [file, contents] of output.files) {
          const destination = inside(staging, file);
          await mkdir(path.dirname(destination), { recursive: true });
          await writeFile(destination, contents);
        }
        await mkdir(staging, { recursive: true });
      },
    },
  ];
}

/**
 * Writes every output or none: each folder (or file, for scope "files") is written in full beside
 * its destination first, then all are swapped in by rename. A failure while writing leaves the old
 * ones untouched; a failure while swapping puts back the ones already swapped.
 */
export async function writeOutputs(root: string, outputs: readonly Output[], hooks: WriteHooks = {}): Promise<void> {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  let plans: Plan[] = [];
  try {
    plans = outputs.flatMap((output) => plansOf(root, output, tag));
    for (const plan of plans) await plan.stage();
  } catch (error) {
    await Promise.all(plans.map(({ staging }) => rm(staging, { recursive: true, force: true })));
    throw error;
  }

  const swapped: typeof plans = [];
  try {
    for (const plan of plans) {
      hooks.beforeSwap?.(plan.label);
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
