import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Db } from "../../core/db/schema.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import {
  type AssignmentImport,
  assignmentDef,
  assignmentImportInput,
} from "./entities.assignments.ts";

type Opts = { filename: string; maxBytes?: number };

/** Commissioners in scope by name; a phone cell narrows a name shared by several. */
async function commissionerResolver(db: Conn, scope: Scope) {
  const rows = await whereInScope(
    db.selectFrom("commissioners").select(["id", "name", "phone", "region_path"]),
    scope,
    "commissioners.region_path",
  ).execute();
  const byName = new Map<string, typeof rows>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  return {
    pathOf: new Map(rows.map((r) => [r.id, r.region_path])),
    resolve: (row: Record<string, unknown>) => {
      const name = typeof row.commissionerName === "string" ? row.commissionerName : "";
      const phone = typeof row.phone === "string" ? row.phone : "";
      let hits = byName.get(name) ?? [];
      if (phone && hits.length > 1) hits = hits.filter((h) => h.phone === phone);
      if (hits.length === 1 && hits[0]) {
        row.commissionerId = hits[0].id;
        return [];
      }
      const message =
        hits.length === 0
          ? `“${name}”不是您数据范围内的科技特派员，请先导入特派员名册`
          : `“${name}”有重名特派员，请填写联系电话区分`;
      return [{ key: "commissionerName", message }];
    },
  };
}

/**
 * Imports assignments (特派员姓名, 服务乡镇（村）, 开始日期, 结束日期), all-or-nothing. The same
 * commissioner, place and start date is the same assignment: a changed end date updates it
 * (that is how a sheet ends an assignment), an identical row is left alone.
 */
export async function importAssignments(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope, { minLevel: 4, noun: "乡镇或村" });
  const people = await commissionerResolver(db, scope);
  const { values, total } = await readImport<AssignmentImport>(input, opts, {
    def: assignmentDef,
    schema: assignmentImportInput,
    naturalKey: (v) => JSON.stringify([v.commissionerId, v.regionId, v.startsOn]),
    resolve: async (row) => {
      const issues = people.resolve(row);
      // A blank cell would mean "the importer's region", which is not a town or village.
      if (row.regionId === undefined)
        return [...issues, { key: "regionId", message: "请填写服务乡镇（村）" }];
      return [...issues, ...(await regions.resolve(row))];
    },
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (const v of values) {
      const region = regions.byId.get(v.regionId);
      const owner = people.pathOf.get(v.commissionerId);
      if (!region || owner === undefined) continue; // resolved above: cannot happen
      const old = await trx
        .selectFrom("commissioner_assignments")
        .selectAll()
        .where("commissioner_id", "=", v.commissionerId)
        .where("region_id", "=", v.regionId)
        .where("starts_on", "=", v.startsOn)
        .executeTakeFirst();
      if (old && old.ends_on === v.endsOn) {
        counts.unchanged += 1;
        continue;
      }
      const row = old
        ? await trx
            .updateTable("commissioner_assignments")
            .set({ ends_on: v.endsOn })
            .where("id", "=", old.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto("commissioner_assignments")
            .values({
              commissioner_id: v.commissionerId,
              region_id: region.id,
              region_path: region.path,
              starts_on: v.startsOn,
              ends_on: v.endsOn,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      await writeAudit(trx, scope, {
        action: old ? "update" : "create",
        entity: "commissionerAssignment",
        recordId: row.id,
        regionPath: owner,
        before: old,
        after: row,
      });
      if (old) counts.updated += 1;
      else counts.created += 1;
    }
    await writeAudit(trx, scope, {
      action: "import",
      entity: "commissionerAssignment",
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}

/** Every assignment of the commissioners in scope, as the import sheet reads them. */
export async function assignmentSheetRows(db: Conn, scope: Scope) {
  const rows = await whereInScope(
    db
      .selectFrom("commissioner_assignments as a")
      .innerJoin("commissioners as c", "c.id", "a.commissioner_id")
      .innerJoin("regions as g", "g.id", "a.region_id")
      .select([
        "c.name as commissionerName",
        "c.phone",
        "g.name as regionName",
        "a.starts_on as startsOn",
        "a.ends_on as endsOn",
      ])
      .orderBy("c.name")
      .orderBy("a.starts_on")
      .orderBy("a.id"),
    scope,
    "c.region_path",
  ).execute();
  return rows.map((r) => ({ ...r, regionId: r.regionName }));
}
