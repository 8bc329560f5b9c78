import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { cliScope } from "../src/cli/context.ts";
import { type DatabaseHandle, openDatabase } from "../src/core/db/index.ts";
import { migrateToLatest } from "../src/core/db/migrate.ts";
import { seedDemo } from "../src/core/demo/seed.ts";
import type { Scope } from "../src/core/scope.ts";
import { startTestServer, type TestServer } from "../test/support/postgres.ts";

export type EngineName = "PGlite" | "PostgreSQL";

/** A migrated database with the demo county, and the admin scope over 夹江县. */
export interface BenchDb {
  handle: DatabaseHandle;
  scope: Scope;
  /** PostgreSQL only: the database's URL, for a server process started on it. */
  url?: string;
  dispose(): Promise<void>;
}

export interface BenchEngine {
  name: EngineName;
  /** Engine and version, for the report. */
  version: string;
  fresh(label: string): Promise<BenchDb>;
  /**
   * Waits until the server has written out what earlier cases left in its buffers, so a
   * timed case does not share the machine with the writes of the one before it (on
   * PostgreSQL a CHECKPOINT; PGlite cases each run on a folder and process of their own).
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const COUNTY = "511126";

function pgliteVersion(): string {
  const url = new URL("../node_modules/@electric-sql/pglite/package.json", import.meta.url);
  const pkg = JSON.parse(readFileSync(url, "utf8")) as { version?: string };
  return pkg.version ?? "?";
}

async function prepare(handle: DatabaseHandle): Promise<Scope> {
  await migrateToLatest(handle.db);
  await seedDemo(handle.db, { password: "bench-password-1" });
  return cliScope(handle.db, COUNTY);
}

/** PGlite on a real folder on disk, as production runs it (not the in-memory variant). */
export function pgliteEngine(): BenchEngine {
  return {
    name: "PGlite",
    version: `PGlite ${pgliteVersion()} (worker thread, data folder on disk)`,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), "keguan-bench-pglite-"));
      const handle = await openDatabase({ kind: "pglite", dataDir: dir });
      try {
        const scope = await prepare(handle);
        return {
          handle,
          scope,
          dispose: async () => {
            await handle.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (err) {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    },
    settle: async () => {},
    stop: async () => {},
  };
}

/** One throwaway PostgreSQL 15 server for the whole run; one database per case. */
export async function postgresEngine(): Promise<BenchEngine> {
  const server: TestServer = await startTestServer();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const v = await admin.query<{ v: string }>("select current_setting('server_version') as v");
  let n = 0;
  return {
    name: "PostgreSQL",
    version: `PostgreSQL ${v.rows[0]?.v ?? "?"} (throwaway local server: fsync=off, synchronous_commit=off)`,
    async fresh(label) {
      n += 1;
      const name = `bench_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: "postgres", url: url.toString() });
      const drop = async () => {
        await handle.close();
        await admin.query(`DROP DATABASE ${name}`);
      };
      try {
        return { handle, scope: await prepare(handle), url: url.toString(), dispose: drop };
      } catch (err) {
        await drop();
        throw err;
      }
    },
    async settle() {
      await admin.query("CHECKPOINT");
    },
    async stop() {
      await admin.end();
      server.stop();
    },
  };
}
