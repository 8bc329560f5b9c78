import type { z } from "zod";
import { type AuditInput, writeAuditMany } from "../../../core/audit/audit.repository.ts";
import type { Conn, Db } from "../../../core/db/schema.ts";
import { type ImportCounts, readImport } from "../../../core/entity/import.ts";
import { AppError } from "../../../core/errors.ts";
import type { TableInput } from "../../../core/excel/types.ts";
import { regionCellResolver } from "../../../core/regions/import-region.ts";
import type { Scope } from "../../../core/scope.ts";
import {
  type CellResolver,
  findByKey,
  insertValues,
  type Ledger,
  type LedgerRow,
  type LedgerTarget,
  type Refusal,
  toValues,
  updateValues,
  type Values,
} from "./engine.ts";

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function snakeValues(input: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(input)) out[snake(k)] = v ?? null;
  return out;
}

/** Values as compared between a stored row and an imported one (numeric text, dates, lists). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => {
    if (v === undefined || v === null || v === "") return null;
    if (Array.isArray(v)) return JSON.stringify(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;
  };
  return norm(a) === norm(b);
}

const allSame = (before: LedgerRow, row: Values) =>
  Object.entries(row).every(([k, x]) => same(before[k], x));

/**
 * How an import reads, matches and writes one table. A ledger on the engine gets it from
 * `ledgerImport`; a module whose screens live elsewhere (IP pledges, targets) states it directly.
 */
export interface ImportTarget<I extends object = Values> extends LedgerTarget {
  schema: z.ZodType<I>;
  /** Resolves cells other than plain values (regions, names → ids), once per file. */
  cells: (db: Conn, scope: Scope) => Promise<CellResolver>;
  /** Key of a row within one file: two rows with the same key are refused. */
  fileKey: (input: I) => string;
  /** Column values to store for a validated row, checked against the caller's scope. */
  row: (db: Conn, scope: Scope, input: I) => Promise<Values>;
  /** The stored record this row updates, if any (the natural key). */
  find: (db: Conn, values: Values) => Promise<LedgerRow | undefined>;
  /** Reads in bulk, before the first write, what `find` then looks up (a big file's keys). */
  prefetch?: (db: Conn, inputs: I[]) => Promise<void>;
  /** Columns a file never carries (a link set on screen): an update keeps the stored value. */
  keep?: readonly string[];
  /** Whether the row leaves the record as it is; default: every column compares equal. */
  unchanged?: (before: LedgerRow, row: Values) => boolean;
  /** A refusal fails the file as a row error; a rule answered like on screen throws instead. */
  refuseUpdate?: (before: LedgerRow, input: I, via: "import") => Refusal | null;
}

/** The import of a ledger: region column (unless derived) plus its own cells, natural key. */
export function ledgerImport(l: Ledger): ImportTarget {
  const hasRegion = "regionId" in l.entity.fields && !l.regionOf;
  return {
    table: l.table,
    entity: l.entity,
    schema: l.input as z.ZodType<Values>,
    cells: async (db, scope) => {
      const regions = await regionCellResolver(db, scope);
      const extra = await l.importResolver?.(db, scope);
      return async (row) => [
        ...(hasRegion ? await regions.resolve(row) : []),
        ...(extra ? await extra(row) : []),
      ];
    },
    fileKey: (v) => {
      const s = snakeValues(v);
      return JSON.stringify([s.region_id ?? null, l.naturalKey(s)]);
    },
    row: (db, scope, v) => toValues(db, l, scope, v),
    find: (db, values) => findByKey(db, l, values),
    refuseUpdate: l.refuseUpdate,
  };
}

/**
 * Imports one table from a spreadsheet, all-or-nothing: every row is validated first, then
 * written in one transaction. Idempotent on the natural key: an unchanged row is left alone,
 * a changed one updated (version bumped, audited), and the file recorded in the audit log.
 */
export async function importRows<I extends object>(
  db: Db,
  t: ImportTarget<I>,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const { values, total } = await readImport(input, opts, {
    def: t.entity,
    schema: t.schema,
    naturalKey: t.fileKey,
    resolve: await t.cells(db, scope),
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    await t.prefetch?.(trx, values);
    for (const v of values) {
      const row = { ...(await t.row(trx, scope, v)) };
      const old = await t.find(trx, row);
      if (!old) {
        await insertValues(trx, t, scope, row, audits);
        counts.created += 1;
        continue;
      }
      for (const k of t.keep ?? []) row[k] = old[k];
      if ((t.unchanged ?? allSame)(old, row)) {
        counts.unchanged += 1;
        continue;
      }
      const refusal = t.refuseUpdate?.(old, v, "import");
      if (refusal) {
        const column = t.entity.fields[refusal.field]?.label ?? refusal.field;
        // Rows are matched after reading, so the refusal names the record, not a row number.
        throw new AppError("IMPORT_INVALID", {
          total,
          rows: [{ row: 0, column, message: refusal.message }],
        });
      }
      await updateValues(trx, t, scope, old, old.version, row, audits);
      counts.updated += 1;
    }
    await writeAuditMany(trx, scope, [
      ...audits,
      {
        action: "import",
        entity: t.entity.name,
        regionPath: scope.regionPath,
        after: { filename: opts.filename, ...counts },
      },
    ]);
    return counts;
  });
}

/** Imports one ledger of the engine (see importRows). */
export function importLedger(
  db: Db,
  l: Ledger,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  return importRows(db, ledgerImport(l), scope, input, opts);
}
