import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "kysely";
import type { Conn, Db } from "../db/schema.ts";
import {
  dependencyOrder,
  quoteIdent,
  readSequences,
  readTables,
  type TableInfo,
} from "./catalog.ts";
import { type BackupHeader, type BackupTable, FORMAT, type Trailer, VERSION } from "./format.ts";

export type ProgressFn = (table: string, rows: number) => void;

export interface BackupOptions {
  /** Called after every page with the rows written so far for that table. */
  onProgress?: ProgressFn;
  /** Rows fetched per query; small values are for tests. */
  pageSize?: number;
}

export interface BackupResult {
  tables: number;
  rows: number;
  /** Compressed bytes written to `out`. */
  bytes: number;
}

const PAGE_SIZE = 5_000;

/** The select list that renders one row as a JSON array (see format.ts for the rules). */
function rowJson(t: TableInfo): string {
  const values = t.columns.map((c) =>
    c.asText ? `to_json(t.${quoteIdent(c.name)}::text)` : `to_json(t.${quoteIdent(c.name)})`,
  );
  return `array_to_json(array[${values.join(", ")}]::json[])::text`;
}

/** Pages through a table by primary key so each query is an index range scan. */
async function* keysetPages(trx: Conn, t: TableInfo, pageSize: number): AsyncGenerator<string[]> {
  const types = t.primaryKey.map((k) => t.columns.find((c) => c.name === k)?.type ?? "text");
  const keys = t.primaryKey.map((k) => `t.${quoteIdent(k)}`).join(", ");
  const keyText = t.primaryKey.map((k, i) => `t.${quoteIdent(k)}::text as k${i}`).join(", ");
  let after: string[] | null = null;
  for (;;) {
    const where: ReturnType<typeof sql> = after
      ? sql`where (${sql.raw(keys)}) > (${sql.join(after.map((v, i) => sql`${v}::${sql.raw(types[i] ?? "text")}`))})`
      : sql``;
    const r = await sql<Record<string, string>>`
      select ${sql.raw(rowJson(t))} as j, ${sql.raw(keyText)}
      from ${sql.table(t.name)} as t ${where}
      order by ${sql.raw(keys)} limit ${sql.lit(pageSize)}`.execute(trx);
    const last = r.rows[r.rows.length - 1];
    if (!last) return;
    yield r.rows.map((row) => row.j ?? "null");
    if (r.rows.length < pageSize) return;
    after = t.primaryKey.map((_, i) => last[`k${i}`] ?? "");
  }
}

/** Tables without a primary key: a cursor keeps memory flat without sorting by ctid. */
async function* cursorPages(trx: Conn, t: TableInfo, pageSize: number): AsyncGenerator<string[]> {
  await sql`declare keguan_backup_cursor no scroll cursor for
    select ${sql.raw(rowJson(t))} as j from ${sql.table(t.name)} as t`.execute(trx);
  for (;;) {
    const r = await sql<{ j: string }>`
      fetch forward ${sql.lit(pageSize)} from keguan_backup_cursor`.execute(trx);
    if (r.rows.length === 0) break;
    yield r.rows.map((row) => row.j);
  }
  await sql`close keguan_backup_cursor`.execute(trx);
}

async function readHeader(trx: Conn, tables: TableInfo[]): Promise<BackupHeader> {
  const migrations = await sql<{ name: string }>`
    select name from kysely_migration order by name`.execute(trx);
  const described: BackupTable[] = [];
  for (const t of tables) {
    const n = await sql<{ n: string }>`
      select count(*)::text as n from ${sql.table(t.name)}`.execute(trx);
    described.push({
      name: t.name,
      columns: t.columns.map((c) =>
        c.asText ? { name: c.name, type: c.type, text: true } : { name: c.name, type: c.type },
      ),
      primaryKey: t.primaryKey,
      rowCount: Number(n.rows[0]?.n ?? 0),
    });
  }
  const sequences = [];
  for (const s of await readSequences(trx)) {
    const v = await sql<{ v: string; called: boolean }>`
      select last_value::text as v, is_called as called from ${sql.table(s.name)}`.execute(trx);
    const row = v.rows[0];
    sequences.push({ name: s.name, value: row?.called ? row.v : null });
  }
  return {
    format: FORMAT,
    version: VERSION,
    createdAt: new Date().toISOString(),
    migrations: migrations.rows.map((m) => m.name),
    tables: described,
    sequences,
  };
}

/**
 * Writes a logical, engine-neutral backup of every table except sessions to `out` (which is
 * ended). Runs in one repeatable-read transaction, so the file is a consistent snapshot.
 */
export async function backupDatabase(
  db: Db,
  out: Writable,
  opts: BackupOptions = {},
): Promise<BackupResult> {
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  let bytes = 0;
  let rows = 0;
  let tableCount = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    const tables = dependencyOrder(await readTables(trx));
    const header = await readHeader(trx, tables);
    tableCount = tables.length;
    async function* lines(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${JSON.stringify(header)}\n`);
      for (const t of tables) {
        const expected = header.tables.find((d) => d.name === t.name)?.rowCount ?? 0;
        yield Buffer.from(`${JSON.stringify({ table: t.name, rows: expected })}\n`);
        let written = 0;
        const pages =
          t.primaryKey.length > 0 ? keysetPages(trx, t, pageSize) : cursorPages(trx, t, pageSize);
        for await (const page of pages) {
          written += page.length;
          yield Buffer.from(`${page.join("\n")}\n`);
          opts.onProgress?.(t.name, written);
        }
        rows += written;
      }
      const trailer: Trailer = { end: true, tables: tables.length, rows };
      yield Buffer.from(`${JSON.stringify(trailer)}\n`);
    }
    await pipeline(lines, createGzip(), counter, out);
  });
  return { tables: tableCount, rows, bytes };
}

/** Backs up to a file, written under a temporary name so a failed run leaves no half file. */
export async function backupToFile(
  db: Db,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupResult> {
  const partial = `${file}.partial`;
  try {
    const result = await backupDatabase(db, createWriteStream(partial), opts);
    await rename(partial, file);
    return result;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
