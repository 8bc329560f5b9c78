import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  adminPassword: string;
  /** Server output so far, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

export interface StartOptions {
  /**
   * A data folder left by an earlier first start (see global-setup.ts): copied, so this
   * server skips initdb, migrations and the demo seed (~8 s → ~3 s) yet writes only its copy.
   */
  template?: string;
  /** Leave the data folder in place on stop (to serve as a template). */
  keepData?: boolean;
  timeoutMs?: number;
}

/**
 * `node bin/keguan.mjs serve` on a free port with a fresh PGlite data dir and the demo seed,
 * as a user would start it. Resolves once /api/auth/me answers.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { template, keepData = false, timeoutMs = 200_000 } = options;
  if (!existsSync(join(repoRoot, "web/dist/index.html"))) {
    throw new Error("web/dist 不存在：请先运行 npm run build:web");
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "kg-e2e-data-"));
  if (template) cpSync(template, dataDir, { recursive: true });
  const adminPassword = "E2e-Admin-2026";
  let output = "";
  const child = spawn(process.execPath, ["bin/keguan.mjs", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      KEGUAN_DATA_DIR: dataDir,
      KEGUAN_DEMO: "true",
      KEGUAN_ADMIN_PASSWORD: adminPassword,
      KEGUAN_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited(child);
    clearTimeout(timer);
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`keguan serve 提前退出（${child.exitCode}）：\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/auth/me`);
      if (res.status === 401 || res.ok)
        return { baseUrl, dataDir, adminPassword, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`keguan serve 在 ${timeoutMs} ms 内未就绪：\n${output}`);
}
