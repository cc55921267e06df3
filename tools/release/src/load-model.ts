import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildModel, type Model } from "@fc-context/codegen";

/** The model of a spec folder, or of the spec/ folder at a git ref of the repository at root. */
export async function loadModel(source: string, root: string): Promise<Model> {
  const folder = path.resolve(root, source);
  if (existsSync(folder) && statSync(folder).isDirectory()) return modelOf(folder);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "fc-context-ref-"));
  try {
    const tar = execFileSync("git", ["-C", root, "archive", "--format=tar", source, "spec"], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", scratch], { input: tar });
    return await modelOf(path.join(scratch, "spec"));
  } catch (error) {
    if (error instanceof Error && "status" in error)
      throw new Error(`${source} is neither a spec folder nor a git ref with a spec/ folder`);
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function modelOf(folder: string): Promise<Model> {
  return buildModel(path.dirname(folder), path.basename(folder));
}
