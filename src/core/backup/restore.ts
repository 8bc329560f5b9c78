import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import type { Readable } from "node:stream";
import { sql } from "kysely";
import { migrateToLatest, migrator } from "../db/migrate.ts";
import type { Conn, Db } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { ProgressFn } from "./backup.ts";
import { quoteIdent, readSequences, readTables, type TableInfo } from "./catalog.ts";
import { type BackupHeader, parseControl, parseHeader, unreadable } from "./format.ts";
import { LineReader } from "./lines.ts";
import { TableLoader } from "./loader.ts";

export interface RestoreOptions {
  /** Empty every table first instead of refusing a database that holds data. */
  force?: boolean;
  /** Called after every batch with the rows inserted so far for that table. */
  onProgress?: ProgressFn;
  /** Rows per INSERT; small values are for tests. */
  batchRows?: number;
}

export interface RestoreResult {
  tables: number;
  rows: number;
}

const BATCH_ROWS = 5_000;
/** Keeps one statement's JSON payload modest when rows are large (audit before/after). */
const BATCH_CHARS = 8_000_000;

async function checkMigrations(db: Db, header: BackupHeader): Promise<void> {
  const known = (await migrator(db).getMigrations()).map((m) => m.name);
  const newer = header.migrations.find((name, i) => known[i] !== name);
  if (newer === undefined) return;
  const message = known.includes(newer)
    ? `备份的数据库迁移记录与本程序不一致（${newer}），无法恢复`
    : `备份来自更新版本的 keguan（包含本程序没有的数据库迁移 ${newer}），请先升级 keguan 后再恢复`;
  throw new AppError("BAD_STATE", { message });
}

/**
 * A deployment's data always includes regions and users; other tables may hold rows that
 * migrations seed (dictionaries), which the backup carries too. So "empty" means no
 * regions and no users, and every backed-up table is truncated before loading.
 */
const DATA_TABLES = ["regions", "users"];

async function ensureEmpty(trx: Conn, tables: TableInfo[], force: boolean): Promise<void> {
  const used: string[] = [];
  for (const t of tables) {
    if (!DATA_TABLES.includes(t.name)) continue;
    const r = await sql<{ used: boolean }>`
      select exists (select 1 from ${sql.table(t.name)}) as used`.execute(trx);
    if (r.rows[0]?.used) used.push(t.name);
  }
  if (used.length > 0 && !force) {
    throw new AppError("BAD_STATE", {
      message: `目标数据库已有数据（数据表：${used.join("、")}），只能恢复到空数据库；如确需覆盖现有数据，请使用 --force`,
    });
  }
  // CASCADE also empties tables that are not backed up but reference these (sessions).
  const names = tables.map((t) => quoteIdent(t.name)).join(", ");
  if (names) await sql`truncate ${sql.raw(names)} restart identity cascade`.execute(trx);
}

/** Triggers are off while loading: the rows are history, not new edits to react to. */
async function setUserTriggers(trx: Conn, tables: string[], on: boolean): Promise<void> {
  const r = await sql<{ name: string }>`
    select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
    where not g.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(trx);
  for (const { name } of r.rows) {
    if (!tables.includes(name)) continue;
    const action = on ? "enable" : "disable";
    await sql`alter table ${sql.table(name)} ${sql.raw(action)} trigger user`.execute(trx);
  }
}

/** Owned sequences continue after both the restored ids and the source's own counter. */
async function resetSequences(trx: Conn, header: BackupHeader): Promise<void> {
  const restored = new Set(header.tables.map((t) => t.name));
  for (const s of await readSequences(trx)) {
    const saved = header.sequences.find((b) => b.name === s.name)?.value ?? null;
    const max =
      s.owner && restored.has(s.owner.table)
        ? sql`(select max(${sql.ref(s.owner.column)})::bigint from ${sql.table(s.owner.table)})`
        : sql`null::bigint`;
    await sql`select setval(${quoteIdent(s.name)}::regclass, v)
      from (select greatest(${max}, ${saved}::bigint) as v) as x where v is not null`.execute(trx);
  }
}

/** Engine errors while writing (bad values, broken references) name the table at fault. */
async function writing(table: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError("BAD_STATE", {
      message: `恢复失败：数据表 ${table} 的数据无法写入（${reason}）`,
    });
  }
}

async function loadRows(
  trx: Conn,
  reader: LineReader,
  header: BackupHeader,
  live: TableInfo[],
  opts: RestoreOptions,
): Promise<number> {
  const batchRows = opts.batchRows ?? BATCH_ROWS;
  const backedUp = new Set(header.tables.map((t) => t.name));
  const loaded = new Set<string>();
  const loaders: TableLoader[] = [];
  let total = 0;
  for (const [i, table] of header.tables.entries()) {
    const startLine = await reader.next();
    if (startLine === null) throw unreadable(`备份文件不完整（缺少数据表 ${table.name}）`);
    const start = parseControl(startLine);
    if (!("table" in start) || start.table !== table.name) {
      throw unreadable(`备份文件已损坏（缺少数据表 ${table.name} 的数据）`);
    }
    const info = live.find((t) => t.name === table.name);
    if (!info) {
      throw new AppError("BAD_STATE", {
        message: `当前数据库没有备份中的数据表 ${table.name}，无法恢复`,
      });
    }
    const loader = new TableLoader(info, table, loaded, backedUp, i);
    await loader.prepare(trx);
    loaders.push(loader);
    let batch: string[] = [];
    let chars = 0;
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await writing(table.name, () => loader.insert(trx, batch));
      count += batch.length;
      batch = [];
      chars = 0;
      opts.onProgress?.(table.name, count);
    };
    for (;;) {
      const line = await reader.next();
      if (line === null || !line.startsWith("[")) {
        if (line !== null) reader.unread(line);
        break;
      }
      const row: unknown = JSON.parse(line);
      if (!Array.isArray(row) || row.length !== table.columns.length) {
        throw unreadable(
          `备份文件已损坏（数据表 ${table.name} 第 ${count + batch.length + 1} 行列数不符）`,
        );
      }
      batch.push(line);
      chars += line.length;
      if (batch.length >= batchRows || chars >= BATCH_CHARS) await flush();
    }
    await flush();
    if (count !== table.rowCount) {
      throw unreadable(
        `备份文件不完整（数据表 ${table.name} 应有 ${table.rowCount} 行，实际 ${count} 行）`,
      );
    }
    loaded.add(table.name);
    total += count;
  }
  for (const loader of loaders) await writing(loader.name, () => loader.finish(trx));
  const last = await reader.next();
  const end = last === null ? null : parseControl(last);
  if (!end || !("end" in end) || end.rows !== total || end.tables !== header.tables.length) {
    throw unreadable("备份文件不完整（缺少结尾标记）");
  }
  if ((await reader.next()) !== null) throw unreadable("备份文件结尾之后还有多余内容");
  return total;
}

/**
 * Restores a backup into an empty database of either engine: migrates it to the latest
 * schema, then loads every row in one transaction, so a bad file changes nothing.
 */
export async function restoreDatabase(
  db: Db,
  input: Readable,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const reader = new LineReader(input);
  try {
    const header = parseHeader(await reader.next());
    await migrateToLatest(db);
    await checkMigrations(db, header);
    const rows = await db.transaction().execute(async (trx) => {
      const live = await readTables(trx);
      await ensureEmpty(trx, live, opts.force ?? false);
      const names = header.tables.map((t) => t.name);
      await setUserTriggers(trx, names, false);
      const total = await loadRows(trx, reader, header, live, opts);
      await setUserTriggers(trx, names, true);
      await resetSequences(trx, header);
      return total;
    });
    return { tables: header.tables.length, rows };
  } catch (err) {
    if (err instanceof SyntaxError) throw unreadable("备份文件已损坏（数据行不是有效的 JSON）");
    throw err;
  } finally {
    reader.close();
  }
}

export async function restoreFromFile(
  db: Db,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  try {
    await access(file);
  } catch {
    throw unreadable(`找不到备份文件 ${file}`);
  }
  return restoreDatabase(db, createReadStream(file), opts);
}
