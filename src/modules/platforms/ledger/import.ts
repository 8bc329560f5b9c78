import { writeAudit } from "../../../core/audit/audit.repository.ts";
import type { Db } from "../../../core/db/schema.ts";
import { type ImportCounts, readImport } from "../../../core/entity/import.ts";
import type { TableInput } from "../../../core/excel/types.ts";
import { regionCellResolver } from "../../../core/regions/import-region.ts";
import type { Scope } from "../../../core/scope.ts";
import {
  type CellResolver,
  findByKey,
  insertValues,
  type Ledger,
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

/** Values as compared between a stored row and an imported one (numeric text, dates). */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => {
    if (v === undefined || v === null || v === "") return null;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    return v;
  };
  return norm(a) === norm(b);
}

/**
 * Imports one ledger from a spreadsheet, all-or-nothing: every row is validated first, then
 * written in one transaction. Idempotent on the ledger's natural key within a region: an
 * unchanged row is left alone, a changed one updated (version bumped, audited).
 */
export async function importLedger(
  db: Db,
  l: Ledger,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const extra: CellResolver | undefined = await l.importResolver?.(db, scope);
  const hasRegion = "regionId" in l.entity.fields && !l.regionOf;
  const { values, total } = await readImport(input, opts, {
    def: l.entity,
    schema: l.input,
    naturalKey: (v) => {
      const s = snakeValues(v as Values);
      return JSON.stringify([s.region_id ?? null, l.naturalKey(s)]);
    },
    resolve: async (row) => [
      ...(hasRegion ? await regions.resolve(row) : []),
      ...(extra ? await extra(row) : []),
    ],
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (const v of values) {
      const row = await toValues(trx, l, scope, v as Values);
      const old = await findByKey(trx, l, row);
      if (!old) {
        await insertValues(trx, l, scope, row);
        counts.created += 1;
      } else if (Object.entries(row).every(([k, x]) => same(old[k], x))) {
        counts.unchanged += 1;
      } else {
        await updateValues(trx, l, scope, old, old.version, row);
        counts.updated += 1;
      }
    }
    await writeAudit(trx, scope, {
      action: "import",
      entity: l.entity.name,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
