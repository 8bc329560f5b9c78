import { stat } from "node:fs/promises";
import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import { type CopyIn, copyInFor } from "../../core/db/copy.ts";
import { isEmbedded } from "../../core/db/index.ts";
import { vacuumEmbedded } from "../../core/db/maintenance.ts";
import type { Conn, Db, Patent, Region } from "../../core/db/schema.ts";
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
import { inLineForPatentImport, lockPatentImports } from "./import-lock.ts";
import { patentParser } from "./import-parser.ts";
import { insertRows, type NewRow, updateRows } from "./import-write.ts";
import {
  type EnterpriseKey,
  findEnterprisesByKeys,
  findPatentsByNumbers,
} from "./patents.repository.ts";

export { resolveRow } from "./import-parser.ts";

const ENTITY = "patent";
const BATCH = 1000;
/** Rows written by one import from which the embedded database is vacuumed after it. */
const VACUUM_AFTER_ROWS = 10_000;

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

/** What one batch of the list comes to, before anything is written. */
interface BatchPlan {
  added: NewRow[];
  changed: { id: number; row: NewRow }[];
  audits: AuditInput[];
  unchanged: number;
  /** Numbers registered outside the importer's scope, and in-force rows without a grant date. */
  outside: string[];
  noGrant: string[];
}

/**
 * Looks the batch's numbers up (on `lookup`) and builds the rows to write. The numbers are
 * unique in the file (checked while reading), so no earlier batch of this import wrote them,
 * and on PostgreSQL the lookup may run on another connection while the last batch is still
 * being written; patent imports run one at a time (import-lock.ts).
 */
async function planBatch(lookup: Conn, ctx: Context, batch: PatentRowInput[]): Promise<BatchPlan> {
  const existing = await findPatentsByNumbers(
    lookup,
    batch.map((v) => v.applicationNo),
  );
  const byNo = new Map(existing.map((p) => [p.application_no, p]));
  const plan: BatchPlan = {
    added: [],
    changed: [],
    audits: [],
    unchanged: 0,
    outside: [],
    noGrant: [],
  };
  for (const v of batch) {
    const old = byNo.get(v.applicationNo);
    if (old && !pathInScope(ctx.scope, old.region_path)) {
      plan.outside.push(v.applicationNo);
      continue;
    }
    const row = buildRow(v, old, ctx);
    if (isInForce(row.legal_status) && !row.granted_on) plan.noGrant.push(v.applicationNo);
    if (!old) plan.added.push(row);
    else if (COMPARED.every((k) => old[k] === row[k])) plan.unchanged += 1;
    else {
      plan.changed.push({ id: old.id, row });
      // A changed patent gets its own audit entry (before/after); new ones are covered by the
      // import's entry (who, which file, how many), which keeps a million-row list affordable.
      plan.audits.push({
        action: "update",
        entity: ENTITY,
        recordId: old.id,
        regionPath: row.region_path,
        before: old,
        after: row,
      });
    }
  }
  return plan;
}

async function writePlan(trx: Conn, scope: Scope, plan: BatchPlan, copy: CopyIn | null) {
  await insertRows(trx, plan.added, copy);
  await updateRows(trx, plan.changed);
  if (plan.audits.length > 0) await writeAuditMany(trx, scope, plan.audits);
}

const listed = (xs: string[]) =>
  `${xs.slice(0, 5).join("、")}${xs.length > 5 ? ` 等 ${xs.length} 件` : ""}`;

/** The import's refusal when any row may not be written; null when all may. */
function refusal(outside: string[], noGrant: string[]): AppError | null {
  if (outside.length > 0)
    return new AppError("BAD_STATE", {
      message: `申请号 ${listed(outside)} 已登记在您的数据范围之外，不能通过导入修改；未写入任何数据`,
    });
  if (noGrant.length > 0)
    return new AppError("BAD_STATE", {
      message: `申请号 ${listed(noGrant)} 的法律状态为授权或有效，但没有授权公告日；未写入任何数据`,
    });
  return null;
}

/** Files from this size up are parsed in a worker (a 20,000-row CSV is ~3 MB). */
const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/** The same parser, loaded by the import worker thread. */
export const patentParserRef: ParserRef = {
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
  const run = () =>
    db.transaction().execute(async (trx) => {
      await lockPatentImports(trx, opts.onQueued);
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const regionId = opts.regionId ?? scope.regionId;
      const ctx: Context = {
        scope,
        today: opts.today,
        fallback: await regionForWrite(trx, scope, regionId),
        ...(await scopeEnterpriseMaps(trx, scope)),
      };
      const copy = await copyInFor(db, trx);
      // On PostgreSQL batch k+1 is looked up and built (on another connection) while batch k
      // is written; the embedded database has one connection, so there both use `trx`.
      const lookup: Conn = isEmbedded(db) ? trx : db;
      const outside: string[] = [];
      const noGrant: string[] = [];
      let writing: Promise<void> = Promise.resolve();
      const onBatch = async (batch: PatentRowInput[]) => {
        const plan = await planBatch(lookup, ctx, batch);
        outside.push(...plan.outside);
        noGrant.push(...plan.noGrant);
        counts.unchanged += plan.unchanged;
        counts.created += plan.added.length;
        counts.updated += plan.changed.length;
        // A failed write surfaces here, before the next batch goes out.
        await writing;
        // Once a row is refused nothing more is written: the whole import will roll back, and
        // reading on collects every refused number for the message.
        if (outside.length > 0 || noGrant.length > 0) return;
        writing = writePlan(trx, scope, plan, copy);
        // Awaited by the next batch or at the end; this only keeps Node from calling an
        // error that is about to be handled "unhandled".
        writing.catch(() => {});
      };
      const readOpts = { ...opts, batchSize: BATCH };
      // A big file on disk (import jobs, the CLI) is read and checked in a worker thread when
      // the database is another process (PostgreSQL): the event loop stays free and parsing
      // overlaps the server's work on another core. The embedded database already works in a
      // thread of its own, so parsing here overlaps it too, and a parsing worker would only
      // add its ~70-90 MB (a second V8 heap and loader) to the one process holding everything.
      // A small file is not worth the worker's ~0.6 s start.
      const inWorker =
        "path" in input && !isEmbedded(db) && (await stat(input.path)).size >= WORKER_MIN_BYTES;
      const read = async () => {
        try {
          return inWorker && "path" in input
            ? await streamImportInWorker(input.path, readOpts, patentParserRef, onBatch)
            : await streamImport(input, readOpts, patentParser, onBatch);
        } catch (err) {
          // The transaction must not roll back under a write still in flight.
          await writing.catch(() => {});
          throw err;
        }
      };
      const { total } = await read();
      await writing;
      const refused = refusal(outside, noGrant);
      if (refused) throw refused;
      const result = { total, ...counts };
      await writeAudit(trx, scope, {
        action: "import",
        entity: ENTITY,
        regionPath: scope.regionPath,
        after: { filename: opts.filename, ...result },
      });
      return result;
    });
  const result = await inLineForPatentImport(db, opts.onQueued, run);
  // A big list on the embedded database (no autovacuum there): the stock figures are read
  // from the covering indexes only once the table is vacuumed.
  if (result.created + result.updated >= VACUUM_AFTER_ROWS) await vacuumEmbedded(db, "patents");
  return result;
}
