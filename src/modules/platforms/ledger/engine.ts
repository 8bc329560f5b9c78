import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { type AuditInput, writeAudit } from "../../../core/audit/audit.repository.ts";
import type { Conn } from "../../../core/db/schema.ts";
import { explainMissedWrite } from "../../../core/entity/concurrency.ts";
import type { EntityDef } from "../../../core/entity/define.ts";
import { type ListPage, type ListQuery, runList } from "../../../core/entity/list.ts";
import { parseInput } from "../../../core/entity/validation.ts";
import { AppError } from "../../../core/errors.ts";
import { regionForWrite, type Scope, whereInScope } from "../../../core/scope.ts";

/*
 * Platforms, agreements, achievements, standards, awards and honours are flat region-owned
 * ledgers that differ only in their columns, so one scoped CRUD engine serves them all:
 * input keys are the camelCase of the columns, rows are presented back the same way.
 */

export type LedgerTable =
  | "platforms"
  | "platform_checks"
  | "coop_agreements"
  | "achievements"
  | "achievement_standards"
  | "achievement_awards"
  | "achievement_honours"
  | "quake_approvals"
  | "quake_points"
  | "quake_reports"
  | "quake_terminals"
  | "quake_shelters"
  | "quake_drills"
  | "ip_enforcement_actions"
  | "ip_disputes"
  | "ip_pledges"
  | "ip_designations";

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

export type Values = Record<string, unknown>;
export type CellResolver = (row: Values) => Promise<{ key: string; message: string }[]>;
/** Why a stored record may not take new values: `field` names the column for import reports. */
export type Refusal = { field: string; message: string };

export interface Ledger {
  /** Collection URL, e.g. "/api/platforms". */
  base: string;
  table: LedgerTable;
  entity: EntityDef;
  input: z.ZodType<object>;
  /** Columns (snake_case → value) that identify a record within its region, for imports. */
  naturalKey: (v: Values) => Values;
  /** Display-only columns: alias → SQL expression over the ledger's table. */
  extras?: Record<string, string>;
  /** Adjusts column values before a write (enterprise link and the like). */
  prepare?: (db: Conn, scope: Scope, values: Values) => Promise<void>;
  /** Region of a record not chosen by the user (a check lives in its platform's region). */
  regionOf?: (db: Conn, scope: Scope, input: Values) => Promise<number>;
  /** Import cells beyond the region column (a platform named instead of its id). */
  importResolver?: (db: Conn, scope: Scope) => Promise<CellResolver>;
  /** Response schema of one record (list item, get, create, update); default: a plain object. */
  dto?: z.ZodType;
  /** Presents a record; default presentRow, which reads decimal-looking text as a number. */
  present?: (row: LedgerRow) => LedgerDto;
  /**
   * Refuses an update the stored state forbids (a closed case moved back), on screen and on
   * import alike; `via` lets the message name the record where a file row cannot be pointed at.
   */
  refuseUpdate?: (before: LedgerRow, input: Values, via: "form" | "import") => Refusal | null;
}

/**
 * What insert/update/delete need of a ledger. Imports that are not full ledgers pass these,
 * targets and hand-entered figures among them (their screens follow other rules).
 */
export type LedgerTarget = {
  table: LedgerTable | "targets" | "indicator_values";
  entity: EntityDef;
};

const versionInput = z.object({ version: z.coerce.number().int().positive() }).loose();
const loose = (db: Conn) => db as unknown as Kysely<LooseDb>;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export type LedgerDto = Record<string, unknown>;
type Listed = LedgerRow & { region_name: string };

const NUMERIC = new Set(["number", "integer", "money"]);

/**
 * A record as the API states it. A numeric column a driver hands back as text becomes a
 * number; text fields stay text even when they look like one (a document number "2024.1").
 */
export function presentRow(row: LedgerRow, entity?: EntityDef): LedgerDto {
  const out: LedgerDto = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "region_path" || k === "created_at") continue;
    const key = camel(k);
    const type = entity?.fields[key]?.type;
    const numeric = type === undefined ? !entity : NUMERIC.has(type);
    out[key] = numeric && typeof v === "string" && /^-?\d+\.\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

function baseQuery(db: Conn, l: Ledger, scope: Pick<Scope, "regionPath">) {
  let qb = loose(db)
    .selectFrom(l.table)
    .innerJoin("regions", "regions.id", `${l.table}.region_id`)
    .selectAll(l.table)
    .select(sql<string>`regions.name`.as("region_name"));
  for (const [alias, expr] of Object.entries(l.extras ?? {}))
    qb = qb.select(sql.raw<unknown>(expr).as(alias));
  return whereInScope(qb.$castTo<Listed>(), scope, `${l.table}.region_path`);
}

export function listRows(
  db: Conn,
  l: Ledger,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<Listed>> {
  return runList(baseQuery(db, l, scope), query, `${l.table}.id`);
}

export function getRow(db: Conn, l: Ledger, scope: Scope, id: number): Promise<Listed | undefined> {
  return baseQuery(db, l, scope)
    .where(sql.ref(`${l.table}.id`), "=", id)
    .executeTakeFirst();
}

/** Column values of a validated input, with the region checked against the caller's scope. */
export async function toValues(db: Conn, l: Ledger, scope: Scope, input: Values): Promise<Values> {
  const regionId = l.regionOf ? await l.regionOf(db, scope, input) : Number(input.regionId);
  const region = await regionForWrite(db, scope, regionId);
  const values: Values = {};
  for (const [k, v] of Object.entries(input)) if (k !== "version") values[snake(k)] = v ?? null;
  Object.assign(values, { region_id: region.id, region_path: region.path });
  await l.prepare?.(db, scope, values);
  return values;
}

export async function insertValues(
  db: Conn,
  l: LedgerTarget,
  scope: Scope,
  values: Values,
  audits?: AuditInput[],
) {
  const row = await loose(db)
    .insertInto(l.table)
    .values(values)
    .returningAll()
    .$castTo<LedgerRow>()
    .executeTakeFirst();
  if (!row) throw new AppError("INTERNAL");
  const entry: AuditInput = {
    action: "create",
    entity: l.entity.name,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  };
  // An import passes `audits` and writes them all at once.
  if (audits) audits.push(entry);
  else await writeAudit(db, scope, entry);
  return row;
}

/** Version-checked update; `before` is what the audit records as the old state. */
export async function updateValues(
  db: Conn,
  l: LedgerTarget,
  scope: Scope,
  before: LedgerRow,
  version: number,
  values: Values,
  audits?: AuditInput[],
): Promise<LedgerRow> {
  const row = await loose(db)
    .updateTable(l.table)
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", before.id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .$castTo<LedgerRow>()
    .executeTakeFirst();
  if (!row) return explainMissedWrite(db, scope, l.table, before.id, l.entity.label);
  const { region_name: _n, ...beforeRow } = before;
  const entry: AuditInput = {
    action: "update",
    entity: l.entity.name,
    recordId: before.id,
    regionPath: row.region_path,
    before: beforeRow,
    after: row,
  };
  if (audits) audits.push(entry);
  else await writeAudit(db, scope, entry);
  return row;
}

export async function createRow(db: Conn, l: Ledger, scope: Scope, raw: unknown) {
  const input = parseInput(l.input, raw, l.entity) as Values;
  return insertValues(db, l, scope, await toValues(db, l, scope, input));
}

export async function updateRow(db: Conn, l: Ledger, scope: Scope, id: number, raw: unknown) {
  const { version } = parseInput(versionInput, raw, l.entity);
  const input = parseInput(l.input, raw, l.entity) as Values;
  const before = await getRow(db, l, scope, id);
  if (!before) return explainMissedWrite(db, scope, l.table, id, l.entity.label);
  const refusal = l.refuseUpdate?.(before, input, "form");
  if (refusal) throw new AppError("BAD_STATE", { message: refusal.message });
  const values = await toValues(db, l, scope, input);
  return updateValues(db, l, scope, before, version, values);
}

export async function deleteRow(db: Conn, l: Ledger, scope: Scope, id: number, version: number) {
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

/** Every row of a list query, a thousand at a time (for exports). */
export async function* iterate<T>(
  list: (query: ListQuery) => Promise<ListPage<T>>,
  query: ListQuery,
): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const r = await list({ ...query, page, pageSize: 1000 });
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

/** The row with the same natural key in the same region, if any (for idempotent imports). */
export function findByKey(db: Conn, l: Ledger, values: Values): Promise<LedgerRow | undefined> {
  let qb = loose(db)
    .selectFrom(l.table)
    .selectAll()
    .where("region_id", "=", Number(values.region_id));
  for (const [col, v] of Object.entries(l.naturalKey(values)))
    qb = v === null || v === undefined ? qb.where(col, "is", null) : qb.where(col, "=", v);
  return qb.$castTo<LedgerRow>().executeTakeFirst();
}
