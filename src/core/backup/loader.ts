import { type RawBuilder, sql } from "kysely";
import type { Conn } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { quoteIdent, type TableInfo } from "./catalog.ts";
import type { BackupTable } from "./format.ts";

/**
 * Inserts one table's rows. Values go to the server as one JSON array per batch (parsed once
 * as jsonb, which keeps strings and numeric digits exactly) and are cast from their text form
 * by PostgreSQL, so numbers, timestamps and JSON never pass through JS.
 *
 * Foreign-key columns that point at the table itself (regions.parent_id) or at a table not
 * yet loaded (a cycle) are "deferred" when nullable: inserted as NULL, remembered in a temp
 * table, and set by one UPDATE once every table is loaded. Row order then never matters.
 */
export class TableLoader {
  readonly name: string;
  private readonly insertHead: string;
  private readonly deferred: { column: string; index: number; type: string }[];
  private readonly keys: { column: string; index: number; type: string }[];
  private readonly temp: string;

  constructor(
    live: TableInfo,
    backup: BackupTable,
    loaded: ReadonlySet<string>,
    backedUp: ReadonlySet<string>,
    serial: number,
  ) {
    this.name = live.name;
    const position = (column: string) => {
      const index = backup.columns.findIndex((c) => c.name === column);
      const type = live.columns.find((c) => c.name === column)?.type ?? "text";
      return { column, index, type };
    };
    for (const c of backup.columns) {
      if (!live.columns.some((l) => l.name === c.name)) {
        throw new AppError("BAD_STATE", {
          message: `备份中的数据表 ${backup.name} 含有当前数据库没有的列 ${c.name}，无法恢复`,
        });
      }
    }
    this.keys = live.primaryKey.map(position);
    const canDefer = this.keys.length > 0 && this.keys.every((k) => k.index >= 0);
    const deferredNames = new Set<string>();
    for (const fk of live.foreignKeys) {
      const later = fk.target === live.name || (backedUp.has(fk.target) && !loaded.has(fk.target));
      const nullable = fk.columns.every((c) => !live.columns.find((l) => l.name === c)?.notNull);
      if (later && nullable && canDefer) for (const c of fk.columns) deferredNames.add(c);
    }
    this.deferred = [...deferredNames].map(position).filter((d) => d.index >= 0);
    this.temp = `keguan_restore_deferred_${serial}`;

    const exprs = backup.columns.map((c, i) => {
      const type = live.columns.find((l) => l.name === c.name)?.type ?? "text";
      return deferredNames.has(c.name) ? `null::${type}` : `(e->>${i})::${type}`;
    });
    const columns = backup.columns.map((c) => quoteIdent(c.name)).join(", ");
    this.insertHead = `insert into ${quoteIdent(live.name)} (${columns}) overriding system value select ${exprs.join(", ")}`;
  }

  private rows(payload: string): RawBuilder<unknown> {
    return sql`from jsonb_array_elements(${payload}::jsonb) as e`;
  }

  async prepare(trx: Conn): Promise<void> {
    if (this.deferred.length === 0) return;
    const columns = [...this.keys, ...this.deferred].map((c) => quoteIdent(c.column)).join(", ");
    await sql`create temp table ${sql.raw(quoteIdent(this.temp))} on commit drop as
      select ${sql.raw(columns)} from ${sql.table(this.name)} with no data`.execute(trx);
  }

  /** `lines` are row lines of the backup, already checked to be JSON arrays of the right size. */
  async insert(trx: Conn, lines: string[]): Promise<void> {
    const payload = `[${lines.join(",")}]`;
    await sql`${sql.raw(this.insertHead)} ${this.rows(payload)}`.execute(trx);
    if (this.deferred.length === 0) return;
    const all = [...this.keys, ...this.deferred];
    const columns = all.map((c) => quoteIdent(c.column)).join(", ");
    const values = all.map((c) => `(e->>${c.index})::${c.type}`).join(", ");
    const anySet = this.deferred.map((d) => `e->>${d.index} is not null`).join(" or ");
    await sql`insert into ${sql.raw(quoteIdent(this.temp))} (${sql.raw(columns)})
      select ${sql.raw(values)} ${this.rows(payload)} where ${sql.raw(anySet)}`.execute(trx);
  }

  /** Sets the deferred columns; one statement, so FK checks see every row already present. */
  async finish(trx: Conn): Promise<void> {
    if (this.deferred.length === 0) return;
    const set = this.deferred.map((d) => `${quoteIdent(d.column)} = s.${quoteIdent(d.column)}`);
    const match = this.keys.map((k) => `t.${quoteIdent(k.column)} = s.${quoteIdent(k.column)}`);
    await sql`update ${sql.table(this.name)} as t set ${sql.raw(set.join(", "))}
      from ${sql.raw(quoteIdent(this.temp))} as s where ${sql.raw(match.join(" and "))}`.execute(
      trx,
    );
  }
}
