import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Conn, Db } from "./schema.ts";

/** A value as COPY's text format writes it. */
export type CopyValue = string | number | boolean | null;

/** A row to COPY: its value for each column written. */
export type CopyRow<C extends string> = Readonly<Record<C, CopyValue>>;

/** Writes rows (already checked, new) into `table` with COPY … FROM STDIN. */
export type CopyIn = <C extends string>(
  table: string,
  columns: readonly C[],
  rows: readonly CopyRow<C>[],
) => Promise<void>;

const pgClients = new WeakMap<Db, Map<number, pg.PoolClient>>();

/**
 * Remembers the pool's connections by backend process id, so that code running inside a
 * Kysely transaction can reach its own connection for a COPY (Kysely does not expose it).
 */
export function trackPoolClients(db: Db, pool: pg.Pool): void {
  const byPid = new Map<number, pg.PoolClient>();
  pgClients.set(db, byPid);
  pool.on("connect", (client) => {
    // Set by pg from the server's BackendKeyData message; not in its type definitions.
    const pid = (client as { processID?: number }).processID;
    if (pid === undefined) return;
    byPid.set(pid, client);
    client.on("end", () => byPid.delete(pid));
  });
  pool.on("remove", (client) => {
    const pid = (client as { processID?: number }).processID;
    if (pid !== undefined) byPid.delete(pid);
  });
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;

function field(v: CopyValue): string {
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return SPECIAL.test(v) ? v.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : v;
}

/**
 * Rows in COPY's text format, `columns` in order: tab-separated, `\N` for null, backslash
 * escapes. Read straight from the row objects (no array per row: an import writes millions).
 */
export function copyText<C extends string>(
  columns: readonly C[],
  rows: readonly CopyRow<C>[],
): string {
  let out = "";
  for (const row of rows) {
    let sep = "";
    for (const c of columns) {
      out += sep + field(row[c]);
      sep = "\t";
    }
    out += "\n";
  }
  return out;
}

const statement = (table: string, columns: readonly string[], source: string) =>
  `COPY ${table} (${columns.join(", ")}) FROM ${source}`;

/**
 * COPY into the PostgreSQL connection `trx` runs on (so inside its transaction), or null
 * when there is none to reach: the embedded database, where COPY from a blob measured no
 * faster than an unnest insert and raised the import's peak memory by ~60 MB. Call inside
 * the transaction callback, between awaited statements: the COPY uses the connection while
 * the transaction's code waits for it.
 */
export async function copyInFor(db: Db, trx: Conn): Promise<CopyIn | null> {
  if (!pgClients.has(db)) return null;
  const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]
    ?.pid;
  const client = pid === undefined ? undefined : pgClients.get(db)?.get(pid);
  if (!client) return null;
  return async (table, columns, rows) => {
    if (rows.length === 0) return;
    await pipeline(
      Readable.from([copyText(columns, rows)]),
      client.query(copyFrom(statement(table, columns, "STDIN"))),
    );
  };
}
