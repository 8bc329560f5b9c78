import { stat } from "node:fs/promises";
import { sql } from "kysely";
import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import { isEmbedded } from "../../core/db/index.ts";
import type { Conn, Db, Patent, PatentTable, Region } from "../../core/db/schema.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import { type StreamImportOptions, streamImport } from "../../core/entity/import.ts";
import { type ParserRef, streamImportInWorker } from "../../core/entity/import-in-worker.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { pathInScope, regionForWrite, type Scope } from "../../core/scope.ts";
import { normaliseCreditCode } from "../enterprises/credit-code.ts";
import { normaliseEnterpriseName } from "../enterprises/name-normalise.ts";
import { parseApplicationNo } from "./application-no.ts";
import { applicantTypeOf, firstApplicant, isInForce } from "./classify.ts";
import type { PatentRowInput } from "./entities.ts";
import { lockPatentImports } from "./import-lock.ts";
import { patentParser } from "./import-parser.ts";
import {
  type EnterpriseKey,
  findEnterprisesByKeys,
  findPatentsByNumbers,
} from "./patents.repository.ts";

export { resolveRow } from "./import-parser.ts";

const ENTITY = "patent";
const BATCH = 1000;

type NewRow = Omit<PatentTable, "id" | "version" | "created_at" | "updated_at" | "pct"> & {
  pct: boolean;
};

export interface Context {
  scope: Scope;
  today: string;
  fallback: Region;
  byCode: Map<string, EnterpriseKey>;
  byName: Map<string, EnterpriseKey | null>;
}

/** The stored row for a list row, given what the ledger held before (if anything). */
export function buildRow(v: PatentRowInput, old: Patent | undefined, ctx: Context): NewRow {
  const no = parseApplicationNo(v.applicationNo);
  if (!no.ok) throw new Error(`unresolved application number ${v.applicationNo}`);
  const first = firstApplicant(v.applicants);
  const code = v.creditCode ? normaliseCreditCode(v.creditCode) : null;
  const firm =
    (code ? ctx.byCode.get(code) : undefined) ??
    ctx.byName.get(normaliseEnterpriseName(first)) ??
    undefined;
  const granted = v.grantedOn ?? old?.granted_on ?? null;
  const status =
    v.legalStatus ??
    (granted && (!old || old.legal_status === "在审") ? "有效" : (old?.legal_status ?? "在审"));
  let lapsed: string | null;
  if (status === "失效") lapsed = v.lapsedOn ?? old?.lapsed_on ?? v.statusOn ?? ctx.today;
  // In force again (恢复): the lapse no longer applies.
  else if (isInForce(status)) lapsed = null;
  else lapsed = v.lapsedOn ?? null;
  const sameStatus = old?.legal_status === status;
  const statusOn =
    v.statusOn ??
    (sameStatus
      ? (old?.status_on ?? null)
      : status === "失效"
        ? lapsed
        : isInForce(status) && !old
          ? granted
          : !old
            ? v.filedOn
            : ctx.today);
  const applicantType = v.applicantType ?? applicantTypeOf(first);
  return {
    region_id: firm?.region_id ?? old?.region_id ?? ctx.fallback.id,
    region_path: firm?.region_path ?? old?.region_path ?? ctx.fallback.path,
    application_no: no.value.normal,
    patent_type: no.value.type,
    pct: no.value.pct,
    title: v.title,
    applicants: v.applicants,
    first_applicant: first,
    enterprise_id: firm?.id ?? old?.enterprise_id ?? null,
    applicant_type: applicantType,
    service_invention: applicantType !== "个人",
    inventors: v.inventors ?? old?.inventors ?? null,
    address: v.address ?? old?.address ?? null,
    filed_on: v.filedOn,
    granted_on: granted,
    legal_status: status,
    status_on: statusOn,
    lapsed_on: lapsed,
  };
}

const COMPARED = [
  "region_id",
  "title",
  "applicants",
  "enterprise_id",
  "applicant_type",
  "inventors",
  "address",
  "filed_on",
  "granted_on",
  "legal_status",
  "status_on",
  "lapsed_on",
] as const;

export async function enterpriseMaps(db: Conn, scope: Scope, values: PatentRowInput[]) {
  const codes = [
    ...new Set(values.flatMap((v) => (v.creditCode ? [normaliseCreditCode(v.creditCode)] : []))),
  ];
  const names = [
    ...new Set(values.map((v) => normaliseEnterpriseName(firstApplicant(v.applicants)))),
  ];
  // Only enterprises the importer may see are linked: a patent never reveals another county's firm.
  const found = (await findEnterprisesByKeys(db, codes, names)).filter((e) =>
    pathInScope(scope, e.region_path),
  );
  return keyMaps(found);
}

type EnterpriseMaps = Pick<Context, "byCode" | "byName">;

function keyMaps(found: EnterpriseKey[]): EnterpriseMaps {
  const byCode = new Map<string, EnterpriseKey>();
  const byName = new Map<string, EnterpriseKey | null>();
  for (const e of found) {
    byCode.set(e.credit_code, e);
    // Two registry entries with one normalised name: ambiguous, left unlinked.
    byName.set(e.name_norm, byName.has(e.name_norm) ? null : e);
  }
  return { byCode, byName };
}

/**
 * Every enterprise the importer may see, keyed for linking: read once per import instead of
 * once per batch (a county's registry is thousands of rows, a city's tens of thousands).
 */
async function scopeEnterpriseMaps(db: Conn, scope: Scope): Promise<EnterpriseMaps> {
  const found = await db
    .selectFrom("enterprises")
    .select(["id", "region_id", "region_path", "credit_code", "name_norm"])
    .where("region_path", "like", `${scope.regionPath}%`)
    .execute();
  return keyMaps(found);
}

/** Column order of the batch insert, with each column's array type. */
const WRITTEN = [
  ["region_id", "int4"],
  ["region_path", "text"],
  ["application_no", "text"],
  ["patent_type", "text"],
  ["pct", "bool"],
  ["title", "text"],
  ["applicants", "text"],
  ["first_applicant", "text"],
  ["enterprise_id", "int4"],
  ["applicant_type", "text"],
  ["service_invention", "bool"],
  ["inventors", "text"],
  ["address", "text"],
  ["filed_on", "date"],
  ["granted_on", "date"],
  ["legal_status", "text"],
  ["status_on", "date"],
  ["lapsed_on", "date"],
] as const satisfies readonly (readonly [keyof NewRow, string])[];

/** The batch as one array per column, in WRITTEN's order. */
const columnArrays = (rows: NewRow[]) =>
  WRITTEN.map(([c, type]) => sql`${rows.map((r) => r[c])}::${sql.raw(type)}[]`);

/**
 * New patents, in one statement per batch: the values travel as one array per column and
 * are unnested by the server, so a thousand rows cost one parse and eighteen parameters
 * instead of eighteen thousand — close to what a raw COPY costs.
 */
async function insertRows(trx: Conn, rows: NewRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(WRITTEN.map(([c]) => sql.ref(c)));
  await sql`insert into patents (${columns})
    select * from unnest(${sql.join(columnArrays(rows))})`.execute(trx);
}

/** Changed patents (a later list: status, dates, applicants), updated in place by id. */
async function updateRows(trx: Conn, rows: { id: number; row: NewRow }[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(WRITTEN.map(([c]) => sql.ref(c)));
  const set = sql.join(WRITTEN.map(([c]) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  const arrays = sql.join([
    sql`${rows.map((r) => r.id)}::int4[]`,
    ...columnArrays(rows.map((r) => r.row)),
  ]);
  await sql`update patents p set ${set}, version = p.version + 1, updated_at = now()
    from unnest(${arrays}) as v(id, ${names}) where p.id = v.id`.execute(trx);
}

/**
 * Writes resolved list rows, a batch at a time, keyed on application_no, so a later list
 * updates status and dates instead of adding rows. Runs inside the caller's transaction.
 */
export async function upsertPatents(
  trx: Conn,
  scope: Scope,
  values: PatentRowInput[],
  opts: { regionId: number; today: string; fallback?: Region; enterprises?: EnterpriseMaps },
): Promise<Omit<ImportCounts, "total">> {
  const ctx: Context = {
    scope,
    today: opts.today,
    fallback: opts.fallback ?? (await regionForWrite(trx, scope, opts.regionId)),
    ...(opts.enterprises ?? (await enterpriseMaps(trx, scope, values))),
  };
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const outside: string[] = [];
  const noGrant: string[] = [];
  for (let i = 0; i < values.length; i += BATCH) {
    const batch = values.slice(i, i + BATCH);
    const existing = await findPatentsByNumbers(
      trx,
      batch.map((v) => v.applicationNo),
    );
    const byNo = new Map(existing.map((p) => [p.application_no, p]));
    const rows: NewRow[] = [];
    for (const v of batch) {
      const old = byNo.get(v.applicationNo);
      if (old && !pathInScope(scope, old.region_path)) {
        outside.push(v.applicationNo);
        continue;
      }
      const row = buildRow(v, old, ctx);
      if (isInForce(row.legal_status) && !row.granted_on) noGrant.push(v.applicationNo);
      if (old && COMPARED.every((k) => old[k] === row[k])) counts.unchanged += 1;
      else rows.push(row);
    }
    if (outside.length > 0 || noGrant.length > 0 || rows.length === 0) continue;
    const added: NewRow[] = [];
    const changed: { id: number; row: NewRow }[] = [];
    // A changed patent gets its own audit entry (before/after); new ones are covered by the
    // import's entry (who, which file, how many), which keeps a million-row list affordable.
    const audits: AuditInput[] = [];
    for (const row of rows) {
      const old = byNo.get(row.application_no);
      if (!old) {
        added.push(row);
        continue;
      }
      changed.push({ id: old.id, row });
      audits.push({
        action: "update",
        entity: ENTITY,
        recordId: old.id,
        regionPath: row.region_path,
        before: old,
        after: row,
      });
    }
    await insertRows(trx, added);
    await updateRows(trx, changed);
    counts.created += added.length;
    counts.updated += changed.length;
    if (audits.length > 0) await writeAuditMany(trx, scope, audits);
  }
  const list = (xs: string[]) =>
    `${xs.slice(0, 5).join("、")}${xs.length > 5 ? ` 等 ${xs.length} 件` : ""}`;
  if (outside.length > 0)
    throw new AppError("BAD_STATE", {
      message: `申请号 ${list(outside)} 已登记在您的数据范围之外，不能通过导入修改；未写入任何数据`,
    });
  if (noGrant.length > 0)
    throw new AppError("BAD_STATE", {
      message: `申请号 ${list(noGrant)} 的法律状态为授权或有效，但没有授权公告日；未写入任何数据`,
    });
  return counts;
}

/** The same parser, loaded by the import worker thread. */
/** Files from this size up are parsed in a worker (a 20,000-row CSV is ~3 MB). */
const WORKER_MIN_BYTES = 2 * 1024 * 1024;
const PARSER_REF: ParserRef = {
  module: new URL("./import-parser.ts", import.meta.url).href,
  export: "patentParser",
};

/** Imports a patent list, all-or-nothing, idempotent on the application number. */
export async function importPatents(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: {
    filename: string;
    maxBytes?: number;
    maxRows?: number;
    regionId?: number;
    today: string;
    onProgress?: StreamImportOptions["onProgress"];
    /** Told when this import waits for another one to finish (see import-lock.ts). */
    onQueued?: (waiting: boolean) => void;
  },
): Promise<ImportCounts> {
  // Rows are written batch by batch as the file streams in, inside one transaction: a bad
  // row anywhere rolls everything back, and memory holds one batch rather than the list.
  return db.transaction().execute(async (trx) => {
    await lockPatentImports(trx, opts.onQueued);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const regionId = opts.regionId ?? scope.regionId;
    const fallback = await regionForWrite(trx, scope, regionId);
    const enterprises = await scopeEnterpriseMaps(trx, scope);
    const onBatch = async (batch: PatentRowInput[]) => {
      const c = await upsertPatents(trx, scope, batch, {
        regionId,
        today: opts.today,
        fallback,
        enterprises,
      });
      counts.created += c.created;
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
    };
    const read = { ...opts, batchSize: BATCH };
    // A big file on disk (import jobs, the CLI) is read and checked in a worker thread when
    // the database is another process (PostgreSQL): the event loop stays free and parsing
    // overlaps the server's work on another core. The embedded database already works in a
    // thread of its own, so parsing here overlaps it too, and a parsing worker would only
    // add its ~70-90 MB (a second V8 heap and loader) to the one process holding everything.
    // A small file is not worth the worker's ~0.6 s start.
    const inWorker =
      "path" in input && !isEmbedded(db) && (await stat(input.path)).size >= WORKER_MIN_BYTES;
    const { total } =
      inWorker && "path" in input
        ? await streamImportInWorker(input.path, read, PARSER_REF, onBatch)
        : await streamImport(input, read, patentParser, onBatch);
    const result = { total, ...counts };
    await writeAudit(trx, scope, {
      action: "import",
      entity: ENTITY,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...result },
    });
    return result;
  });
}
