import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Commissioner, Conn, Db } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import * as repo from "./commissioners.repository.ts";
import { toRow } from "./commissioners.service.ts";
import { type CommissionerInput, commissionerEntity, commissionerInput } from "./entities.ts";

type Opts = { filename: string; maxBytes?: number };
const COMPARED = [
  "name",
  "unit_name",
  "title",
  "specialty",
  "phone",
  "level",
  "team",
  "region_id",
  "notes",
] as const;

/**
 * A commissioner is the same person across files by name + phone, or name + unit when the
 * phone is blank: names alone repeat too often in a county.
 */
export function commissionerKey(v: {
  name: string;
  phone?: string | null;
  unitName?: string | null;
}): string {
  return v.phone ? `${v.name}\u0000p:${v.phone}` : `${v.name}\u0000u:${v.unitName ?? ""}`;
}

async function existingByKey(db: Conn, scope: Scope): Promise<Map<string, Commissioner[]>> {
  const rows = await whereInScope(
    db.selectFrom("commissioners").selectAll(),
    scope,
    "commissioners.region_path",
  ).execute();
  const out = new Map<string, Commissioner[]>();
  for (const r of rows) {
    const k = commissionerKey({ name: r.name, phone: r.phone, unitName: r.unit_name });
    out.set(k, [...(out.get(k) ?? []), r]);
    // A row with a phone also matches a file row that gives name + unit only.
    if (r.phone) {
      const u = commissionerKey({ name: r.name, unitName: r.unit_name });
      out.set(u, [...(out.get(u) ?? []), r]);
    }
  }
  return out;
}

/**
 * Imports the commissioner roster (人员、单位、职称、专业、电话、级别), all-or-nothing and
 * idempotent: a person already on file is updated when a cell changed, left alone otherwise.
 * Assignments are not touched here (see importAssignments).
 */
export async function importCommissioners(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: commissionerEntity,
    schema: commissionerInput,
    naturalKey: commissionerKey,
    resolve: (row) => regions.resolve(row),
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const known = await existingByKey(trx, scope);
    for (const v of values as CommissionerInput[]) {
      const region = regions.byId.get(v.regionId);
      if (!region) continue; // resolved above: cannot happen
      const row = toRow({ ...v, assignments: undefined }, region.path);
      const old = known.get(commissionerKey(v))?.[0];
      if (!old) {
        const c = await repo.insertCommissioner(trx, row);
        await writeAudit(trx, scope, {
          action: "create",
          entity: "commissioner",
          recordId: c.id,
          regionPath: c.region_path,
          after: c,
        });
        counts.created += 1;
      } else if (COMPARED.every((k) => (old[k] ?? null) === (row[k] ?? null))) {
        counts.unchanged += 1;
      } else {
        const c = await repo.updateCommissioner(trx, scope, old.id, old.version, row);
        if (!c) return explainMissedWrite(trx, scope, "commissioners", old.id, "科技特派员");
        await writeAudit(trx, scope, {
          action: "update",
          entity: "commissioner",
          recordId: c.id,
          regionPath: c.region_path,
          before: old,
          after: c,
        });
        counts.updated += 1;
      }
    }
    await writeAudit(trx, scope, {
      action: "import",
      entity: "commissioner",
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
