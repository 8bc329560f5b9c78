import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestServer {
  /** Connection URL of the maintenance database (`postgres`). */
  url: string;
  /** Stops the server (if we started it) and removes its files. Safe to call twice. */
  stop(): void;
}

const PG_BIN = process.env.KEGUAN_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** The cluster must not be owned by root: PostgreSQL refuses to run as root. */
const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const cmd = asRoot ? "runuser" : join(PG_BIN, bin);
  const argv = asRoot ? ["-u", "postgres", "--", join(PG_BIN, bin), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: tmpdir() });
  if (r.status !== 0) {
    throw new Error(
      `${bin} ${args.join(" ")} failed (status ${r.status ?? r.signal}):\n${r.error ?? ""}${r.stdout}${r.stderr}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForConnections(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * A throwaway PostgreSQL 15 cluster for one test run, or the server named by
 * KEGUAN_TEST_PG_URL. Missing binaries are an error, never a skip: the PostgreSQL half
 * of the suite is what keeps both engines honest.
 */
export async function startTestServer(): Promise<TestServer> {
  const external = process.env.KEGUAN_TEST_PG_URL;
  if (external) {
    await waitForConnections(external, 10_000);
    return { url: external, stop: () => {} };
  }
  for (const bin of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(join(PG_BIN, bin))) {
      throw new Error(
        `PostgreSQL 15 binaries not found in ${PG_BIN} (missing ${bin}). Install the ` +
          "`postgresql` package (see .ci/run), set KEGUAN_PG_BIN, or point " +
          "KEGUAN_TEST_PG_URL at a running server. The PostgreSQL half of the tests is never skipped.",
      );
    }
  }
  const root = mkdtempSync(join(tmpdir(), "keguan-pg-"));
  if (asRoot) {
    const pw = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gw = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (pw.status !== 0) throw new Error("running as root but there is no `postgres` system user");
    chownSync(root, Number(pw.stdout.trim()), Number(gw.stdout.trim()));
  }
  const data = join(root, "data");
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      // Immediate mode: the data is thrown away, so there is nothing to flush.
      spawnSync(asRoot ? "runuser" : join(PG_BIN, "pg_ctl"), [
        ...(asRoot ? ["-u", "postgres", "--", join(PG_BIN, "pg_ctl")] : []),
        "stop",
        "-D",
        data,
        "-m",
        "immediate",
        "-w",
      ]);
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    run("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
    ]);
    // The port is only reserved until we close the probe socket; retry on a lost race.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        "-c listen_addresses=127.0.0.1",
        `-c unix_socket_directories=${root}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=400",
        "-c shared_buffers=64MB",
      ].join(" ");
      try {
        run("pg_ctl", [
          "start",
          "-D",
          data,
          "-w",
          "-t",
          "60",
          "-l",
          join(root, "server.log"),
          "-o",
          options,
        ]);
      } catch (err) {
        if (attempt < 3) continue;
        throw err;
      }
      started = true;
      const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
      await waitForConnections(url, 30_000);
      return { url, stop };
    }
  } catch (err) {
    stop();
    throw err;
  }
}
