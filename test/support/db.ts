import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject, type ProvidedContext } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/core/db/index.ts";
import { databaseUrl } from "./provided.ts";

export type EngineName = "pglite" | "postgres";

/** Every database test runs on both; there is no switch to drop one. */
export const engines: EngineName[] = ["pglite", "postgres"];

/** A value from global-setup.ts; a config without that setup gets told so, not a wrong server. */
function provided<K extends keyof ProvidedContext & string>(key: K): ProvidedContext[K] {
  const value: ProvidedContext[K] | undefined = inject(key);
  if (value === undefined) {
    throw new Error(
      `test/support/db.ts: "${key}" was not provided; add globalSetup: ["test/support/global-setup.ts"] to this vitest config`,
    );
  }
  return value;
}

let snapshot: Blob | undefined;
let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  // allowExitOnIdle: the worker process must not be kept alive by this pool.
  admin ??= new pg.Pool({
    connectionString: provided("keguanPgAdminUrl"),
    max: 2,
    idleTimeoutMillis: 2_000,
    allowExitOnIdle: true,
  });
  return admin;
}

async function freshPostgres(): Promise<DatabaseHandle> {
  const name = `t_${randomBytes(8).toString("hex")}`;
  const pool = adminPool();
  await pool.query(`CREATE DATABASE ${name} TEMPLATE ${provided("keguanPgTemplate")}`);
  const handle = await openDatabase({
    kind: "postgres",
    url: databaseUrl(provided("keguanPgAdminUrl"), name),
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
  snapshot ??= new Blob([readFileSync(provided("keguanPgliteSnapshot"))]);
  return snapshot;
}
