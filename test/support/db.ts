import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/core/db/index.ts";
import { databaseUrl } from "./provided.ts";

export type EngineName = "pglite" | "postgres";

/** Every database test runs on both; there is no switch to drop one. */
export const engines: EngineName[] = ["pglite", "postgres"];

let snapshot: Blob | undefined;
let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  // allowExitOnIdle: the worker process must not be kept alive by this pool.
  admin ??= new pg.Pool({
    connectionString: inject("keguanPgAdminUrl"),
    max: 2,
    idleTimeoutMillis: 2_000,
    allowExitOnIdle: true,
  });
  return admin;
}

async function freshPostgres(): Promise<DatabaseHandle> {
  const name = `t_${randomBytes(8).toString("hex")}`;
  const pool = adminPool();
  await pool.query(`CREATE DATABASE ${name} TEMPLATE ${inject("keguanPgTemplate")}`);
  const handle = await openDatabase({
    kind: "postgres",
    url: databaseUrl(inject("keguanPgAdminUrl"), name),
  });
  let closed = false;
  return {
    ...handle,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
      // Not WITH (FORCE): killing a backend the pool is still closing makes pg emit an
      // unhandled 'error' that takes the worker down. Plain DROP waits for it to exit.
      await pool.query(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/**
 * A migrated, empty database nobody else uses. Close it when done (afterAll/afterEach);
 * tests never share or truncate databases, so files run in parallel.
 */
export async function freshDatabase(engine: EngineName): Promise<DatabaseHandle> {
  if (engine === "postgres") return freshPostgres();
  return openDatabase({ kind: "pglite-memory", snapshot: pgliteSnapshot() });
}

/** The migrated PGlite dump, e.g. to seed `{ kind: "pglite", dataDir, snapshot }` quickly. */
export function pgliteSnapshot(): Blob {
  snapshot ??= new Blob([readFileSync(inject("keguanPgliteSnapshot"))]);
  return snapshot;
}
