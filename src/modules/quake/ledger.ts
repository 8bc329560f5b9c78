import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import type { EntityDef } from "../../core/entity/define.ts";
import { type ListPage, type ListQuery, runList } from "../../core/entity/list.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope, whereInScope } from "../../core/scope.ts";

/*
 * The six 防震减灾 ledgers differ only in their columns, so one scoped CRUD engine serves
 * them all: input keys are the camelCase of the columns, rows are presented back the same
 * way. Scope and version checks live here once.
 */

export type QuakeTable =
  | "quake_approvals"
  | "quake_points"
  | "quake_reports"
  | "quake_terminals"
  | "quake_shelters"
  | "quake_drills";

export interface LedgerRow {
  id: number;
  region_id: number;
  region_path: string;
  version: number;
  [column: string]: unknown;
}
interface LooseDb {
  [table: string]: LedgerRow;
}

export interface Ledger {
  /** URL segment under /api/quake/. */
  path: string;
  table: QuakeTable;
  entity: EntityDef;
  input: z.ZodType<object>;
  /** Region of a record not chosen by the user (a report belongs to its point's region). */
  regionOf?: (db: Conn, scope: Scope, input: Record<string, unknown>) => Promise<number>;
}

const versionInput = z.object({ version: z.coerce.number().int().positive() }).loose();
const loose = (db: Conn) => db as unknown as Kysely<LooseDb>;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export type LedgerDto = Record<string, unknown>;

export function presentRow(row: LedgerRow): LedgerDto {
  const out: LedgerDto = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "region_path" || k === "created_at") continue;
    out[camel(k)] = typeof v === "string" && /^-?\d+\.\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

function baseQuery(db: Conn, l: Ledger, scope: Pick<Scope, "regionPath">) {
  const qb = loose(db)
    .selectFrom(l.table)
    .innerJoin("regions", "regions.id", `${l.table}.region_id`)
    .selectAll(l.table)
    .select(sql<string>`regions.name`.as("region_name"))
    .$castTo<LedgerRow & { region_name: string }>();
  return whereInScope(qb, scope, `${l.table}.region_path`);
}

export function listRows(
  db: Conn,
  l: Ledger,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<LedgerRow & { region_name: string }>> {
  return runList(baseQuery(db, l, scope), query, `${l.table}.id`);
}

export function getRow(
  db: Conn,
  l: Ledger,
  scope: Scope,
  id: number,
): Promise<(LedgerRow & { region_name: string }) | undefined> {
  return baseQuery(db, l, scope)
    .where(sql.ref(`${l.table}.id`), "=", id)
    .executeTakeFirst();
}

async function toValues(db: Conn, l: Ledger, scope: Scope, input: Record<string, unknown>) {
  const regionId = l.regionOf ? await l.regionOf(db, scope, input) : Number(input.regionId);
  const region = await regionForWrite(db, scope, regionId);
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (k !== "version") values[snake(k)] = v ?? null;
  return { ...values, region_id: region.id, region_path: region.path };
}

export async function createRow(
  db: Conn,
  l: Ledger,
  scope: Scope,
  raw: unknown,
): Promise<LedgerRow> {
  const input = parseInput(l.input, raw, l.entity);
  const values = await toValues(db, l, scope, input as Record<string, unknown>);
  const row = await loose(db)
    .insertInto(l.table)
    .values(values)
    .returningAll()
    .$castTo<LedgerRow>()
    .executeTakeFirst();
  if (!row) throw new AppError("INTERNAL");
  await writeAudit(db, scope, {
    action: "create",
    entity: l.entity.name,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function updateRow(
  db: Conn,
  l: Ledger,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<LedgerRow> {
  const { version } = parseInput(versionInput, raw, l.entity);
  const input = parseInput(l.input, raw, l.entity);
  const before = await getRow(db, l, scope, id);
  if (!before) return explainMissedWrite(db, scope, l.table, id, l.entity.label);
  const values = await toValues(db, l, scope, input as Record<string, unknown>);
  const row = await loose(db)
    .updateTable(l.table)
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .$castTo<LedgerRow>()
    .executeTakeFirst();
  if (!row) return explainMissedWrite(db, scope, l.table, id, l.entity.label);
  const { region_name: _n, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: l.entity.name,
    recordId: id,
    regionPath: row.region_path,
    before: beforeRow,
    after: row,
  });
  return row;
}

export async function deleteRow(
  db: Conn,
  l: Ledger,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const row = await loose(db)
    .deleteFrom(l.table)
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .$castTo<LedgerRow>()
    .executeTakeFirst();
  if (!row) return explainMissedWrite(db, scope, l.table, id, l.entity.label);
  await writeAudit(db, scope, {
    action: "delete",
    entity: l.entity.name,
    recordId: id,
    regionPath: row.region_path,
    before: row,
  });
}
