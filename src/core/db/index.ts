import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { trackPoolClients } from "./copy.ts";
import { acquireDataDirLock } from "./lockfile.ts";
import { createPgPool } from "./pg.ts";
import { PgliteClient } from "./pglite-client.ts";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Database, Db } from "./schema.ts";

export type DbEngine =
  | { kind: "pglite"; client: PgliteClient; dataDir: string | null }
  | { kind: "postgres"; pool: pg.Pool; url: string };

export interface DatabaseHandle {
  db: Db;
  engine: DbEngine;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string; snapshot?: Blob; sharedBuffersMb?: number }
  | { kind: "pglite-memory"; snapshot?: Blob };

/** Databases served by the embedded engine (its own thread in this process). */
const embedded = new WeakSet<Db>();

/**
 * True when `db` is the embedded PGlite, which works in a thread of this process: callers
 * use it to decide what is worth a thread of its own (the database already has one).
 */
export function isEmbedded(db: Db): boolean {
  return embedded.has(db);
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const pool = createPgPool(target.url, target.poolSize);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    trackPoolClients(db, pool);
    return {
      db,
      engine: { kind: "postgres", pool, url: target.url },
      close: () => db.destroy(),
    };
  }
  const dataDir = target.kind === "pglite" ? resolve(target.dataDir) : null;
  let unlock: (() => void) | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PgliteClient.open({
      dataDir: dataDir ? resolve(dataDir, "pg") : undefined,
      loadDataDir: target.snapshot,
      sharedBuffersMb: target.kind === "pglite" ? target.sharedBuffersMb : undefined,
    });
    const db = new Kysely<Database>({ dialect: new PgliteDialect(client) });
    embedded.add(db);
    return {
      db,
      engine: { kind: "pglite", client, dataDir },
      close: async () => {
        await db.destroy();
        await client.close();
        unlock?.();
      },
    };
  } catch (err) {
    unlock?.();
    throw err;
  }
}
