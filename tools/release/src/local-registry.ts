import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { repo } from "./scratch-copy.js";

// A registry on loopback for the release rehearsal: Verdaccio (6.8.0, which runs on Node 20) with
// its storage in a temporary folder. @fc-context/* packages come only from what is published to
// it; anything else (a dependency such as jsonc-parser, @types/node) it fetches from the registry
// npm is configured with.

export interface LocalRegistry {
  readonly url: string;
  /** An npmrc naming the registry and a token that may publish to it. */
  readonly npmrc: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRegistry(upstream: string): Promise<LocalRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fc-context-registry-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, "config.yaml"),
    [
      `storage: ${path.join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${path.join(dir, "htpasswd")}`,
      "uplinks:",
      "  upstream:",
      `    url: ${upstream}`,
      "packages:",
      "  '@fc-context/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "    proxy: upstream",
      "log: { type: stdout, format: pretty, level: error }",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(
    path.join(repo, "node_modules/.bin/verdaccio"),
    ["--config", path.join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
      const ok = await fetch(`${url}/-/ping`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (attempt > 300) throw new Error(`verdaccio did not answer on ${url} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // a user, as `npm adduser` makes one: its token may publish
    const response = await fetch(`${url}/-/user/org.couchdb.user:release`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "release", password: "rehearsal-only", type: "user" }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || token === undefined) throw new Error(`verdaccio refused the user: ${response.status}`);
    const npmrc = path.join(dir, "npmrc");
    writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
