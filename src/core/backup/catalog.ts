import { sql } from "kysely";
import type { Conn } from "../db/schema.ts";

/**
 * What backup and restore learn about the schema at run time, so that tables added by later
 * migrations are handled without touching this folder.
 */

/** Never backed up: login state is volatile, and migrating recreates the kysely tables. */
export const EXCLUDED_TABLES = new Set(["sessions", "kysely_migration", "kysely_migration_lock"]);

export interface ColumnInfo {
  name: string;
  /** As format_type() prints it, e.g. "timestamp with time zone", "numeric(12,2)". */
  type: string;
  notNull: boolean;
  /**
   * Written as the value's text form because to_json() would turn it into structure that
   * loses information (jsonb null vs SQL NULL) or does not cast back (arrays, composites),
   * or into a JSON number that restore's jsonb parsing would change (float -0).
   */
  asText: boolean;
}

export interface ForeignKey {
  /** Referenced table. */
  target: string;
  columns: string[];
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Empty when the table has no primary key (paged by ctid then). */
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

export interface SequenceInfo {
  name: string;
  /** Set when the sequence belongs to a serial or identity column. */
  owner: { table: string; column: string } | null;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function group<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Every ordinary table of the current schema except the excluded ones, sorted by name. */
export async function readTables(db: Conn): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace
      and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const columns = await sql<{
    tbl: string;
    name: string;
    type: string;
    not_null: boolean;
    as_text: boolean;
  }>`
    select c.relname as tbl, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      a.attnotnull as not_null,
      (b.typcategory in ('A', 'C') or b.typname in ('json', 'jsonb', 'float4', 'float8')) as as_text
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_type t on t.oid = a.atttypid
    join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ tbl: string; name: string }>`
    select c.relname as tbl, a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indisprimary and c.relnamespace = current_schema()::regnamespace
    order by c.relname, k.ord`.execute(db);
  const fks = await sql<{ oid: number; tbl: string; target: string; col: string }>`
    select con.oid::int as oid, c.relname as tbl, r.relname as target, a.attname as col
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_class r on r.oid = con.confrelid
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'f' and c.relnamespace = current_schema()::regnamespace
    order by con.oid, k.ord`.execute(db);

  const colsBy = group(columns.rows, (r) => r.tbl);
  const keysBy = group(keys.rows, (r) => r.tbl);
  const fksBy = group(fks.rows, (r) => r.tbl);
  return tables.rows
    .filter((t) => !EXCLUDED_TABLES.has(t.name))
    .map((t) => ({
      name: t.name,
      columns: (colsBy.get(t.name) ?? []).map((c) => ({
        name: c.name,
        type: c.type,
        notNull: c.not_null,
        asText: c.as_text,
      })),
      primaryKey: (keysBy.get(t.name) ?? []).map((k) => k.name),
      foreignKeys: [...group(fksBy.get(t.name) ?? [], (f) => f.oid).values()].map((parts) => ({
        target: parts[0]?.target ?? "",
        columns: parts.map((p) => p.col),
      })),
    }));
}

/** Tables ordered so that every table comes after the tables it references. */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const pending = [...tables];
  while (pending.length > 0) {
    const ready = (t: TableInfo) =>
      t.foreignKeys.every(
        (fk) => fk.target === t.name || done.has(fk.target) || !byName.has(fk.target),
      );
    // A cycle between tables: take the first one; restore defers its nullable FK columns.
    const index = Math.max(0, pending.findIndex(ready));
    const [next] = pending.splice(index, 1);
    if (!next) break;
    done.add(next.name);
    out.push(next);
  }
  return out;
}

export async function readSequences(db: Conn): Promise<SequenceInfo[]> {
  const r = await sql<{ name: string; tbl: string | null; col: string | null }>`
    select s.relname as name, t.relname as tbl, a.attname as col
    from pg_class s
    left join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
      and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    left join pg_class t on t.oid = d.refobjid
    left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and s.relnamespace = current_schema()::regnamespace
    order by s.relname`.execute(db);
  return r.rows.map((s) => ({
    name: s.name,
    owner: s.tbl && s.col ? { table: s.tbl, column: s.col } : null,
  }));
}
