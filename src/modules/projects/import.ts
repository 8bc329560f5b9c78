import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, Project } from "../../core/db/schema.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import { paidOnProject } from "../funds/funds.repository.ts";
import { type ProjectInput, projectEntity, projectInput } from "./entities.ts";
import { enterpriseByCell } from "./lookup.ts";
import * as repo from "./projects.repository.ts";
import { wan } from "./projects.service.ts";
import { followProjectRegion } from "./region-cascade.ts";

const f = projectEntity.fields;

/** The import columns: the project form, with programme and enterprise named, not coded. */
export const projectImportEntity = defineEntity({
  name: "projectImport",
  label: "科技项目",
  table: "projects",
  defaultSort: "id",
  fields: {
    name: f.name,
    level: f.level,
    programmeCode: { label: "计划类别", type: "text", required: true },
    enterprise: {
      label: "承担企业",
      type: "text",
      excel: ["承担企业", "承担企业统一社会信用代码"],
      help: "企业库中的企业名称或统一社会信用代码；高校、院所只填承担单位",
    },
    undertakerName: { ...f.undertakerName, required: false },
    partners: f.partners,
    taskBookNo: f.taskBookNo,
    approvalNo: f.approvalNo,
    startOn: f.startOn,
    endOn: f.endOn,
    fundNational: f.fundNational,
    fundProvincial: f.fundProvincial,
    fundCity: f.fundCity,
    fundCounty: f.fundCounty,
    fundSelf: f.fundSelf,
    staff: f.staff,
    applyYear: f.applyYear,
    regionId: f.regionId,
    notes: f.notes,
  },
});

/** 立项编号, else 任务书编号, else name + year + region: how a row finds its project. */
export function projectKey(
  v: Pick<ProjectInput, "approvalNo" | "taskBookNo" | "name" | "applyYear" | "regionId">,
) {
  if (v.approvalNo) return `a\u0000${v.approvalNo}`;
  if (v.taskBookNo) return `t\u0000${v.taskBookNo}`;
  return `n\u0000${v.name}\u0000${v.applyYear}\u0000${v.regionId}`;
}

const COMPARED = [
  "region_id",
  "name",
  "level",
  "programme_code",
  "enterprise_id",
  "undertaker_name",
  "partners",
  "task_book_no",
  "approval_no",
  "start_on",
  "end_on",
  "fund_national",
  "fund_provincial",
  "fund_city",
  "fund_county",
  "fund_self",
  "staff",
  "apply_year",
  "notes",
] as const;

async function findExisting(db: Conn, v: ProjectInput) {
  let qb = db.selectFrom("projects").selectAll();
  if (v.approvalNo) qb = qb.where("approval_no", "=", v.approvalNo);
  else if (v.taskBookNo) qb = qb.where("task_book_no", "=", v.taskBookNo);
  else
    qb = qb
      .where("name", "=", v.name)
      .where("apply_year", "=", v.applyYear)
      .where("region_id", "=", v.regionId);
  return qb.limit(1).executeTakeFirst();
}

/**
 * Imports projects all-or-nothing and idempotently: every bad row (unknown programme,
 * enterprise or region) is reported before anything is written; a row matching a project
 * by its natural key updates it, an identical row leaves it unchanged. New projects start
 * in 储备 with a history row dated the import day.
 */
export async function importProjects(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number; today: string },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const programmes = await repo.listProgrammes(db);
  const byProgramme = new Map<string, string>();
  for (const p of programmes) {
    byProgramme.set(p.code, p.code);
    byProgramme.set(p.name, p.code);
  }
  const { values, total } = await readImport(input, opts, {
    def: projectImportEntity,
    schema: projectInput,
    naturalKey: projectKey,
    resolve: async (row) => {
      const issues = await regions.resolve(row);
      const prog = byProgramme.get(String(row.programmeCode ?? ""));
      if (row.programmeCode !== undefined && !prog)
        issues.push({
          key: "programmeCode",
          message: `“${String(row.programmeCode)}”不是可选的计划类别（可选：${programmes.map((p) => p.name).join("、")}）`,
        });
      else if (prog) row.programmeCode = prog;
      const cell = typeof row.enterprise === "string" ? row.enterprise : null;
      delete row.enterprise;
      const hit = await enterpriseByCell(db, scope, cell ?? String(row.undertakerName ?? ""));
      if (cell && hit === null)
        issues.push({
          key: "enterprise",
          message: `企业库中没有“${cell}”（或不在您的数据范围内）`,
        });
      else if (cell && hit === "ambiguous")
        issues.push({ key: "enterprise", message: `“${cell}”有重名企业，请填写统一社会信用代码` });
      else if (hit && hit !== "ambiguous") {
        row.enterpriseId = hit.id;
        row.undertakerName = hit.name;
      }
      return issues;
    },
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const region = regions.byId.get(v.regionId);
      if (!region) throw new AppError("OUT_OF_SCOPE", {});
      const row: repo.ProjectValues = {
        region_id: region.id,
        region_path: region.path,
        name: v.name,
        level: v.level,
        programme_code: v.programmeCode,
        enterprise_id: v.enterpriseId ?? null,
        undertaker_name: v.undertakerName ?? "",
        partners: v.partners || null,
        task_book_no: v.taskBookNo || null,
        approval_no: v.approvalNo || null,
        start_on: v.startOn ?? null,
        end_on: v.endOn ?? null,
        fund_national: v.fundNational,
        fund_provincial: v.fundProvincial,
        fund_city: v.fundCity,
        fund_county: v.fundCounty,
        fund_self: v.fundSelf,
        staff: v.staff || null,
        apply_year: v.applyYear,
        notes: v.notes || null,
      };
      const old = await findExisting(trx, v);
      if (old && !pathInScope(scope, old.region_path))
        throw new AppError("BAD_STATE", {
          message: `“${v.name}”的编号已登记在您的数据范围之外，不能通过导入修改；未写入任何数据`,
        });
      if (!old) {
        const p = await repo.insertProject(trx, row);
        await repo.insertTransition(trx, {
          project_id: p.id,
          region_path: p.region_path,
          from_status: null,
          to_status: p.status,
          occurred_on: opts.today,
          note: "导入",
          user_id: scope.userId,
        });
        counts.created += 1;
        audits.push({
          action: "create",
          entity: "project",
          recordId: p.id,
          regionPath: p.region_path,
          after: p,
        });
        continue;
      }
      if (same(old, row)) {
        counts.unchanged += 1;
        continue;
      }
      const paid = await paidOnProject(trx, old.id);
      if (Math.round(repo.fiscalTotal(row) * 100) < Math.round(paid * 100))
        throw new AppError("BAD_STATE", {
          message: `“${v.name}”已拨付${wan(paid)}万元，导入的财政经费合计不能少于已拨付金额；未写入任何数据`,
        });
      const p = await repo.updateProject(trx, scope, old.id, old.version, row);
      if (!p) throw new AppError("VERSION_CONFLICT", { entity: "科技项目" });
      await followProjectRegion(trx, old, p);
      counts.updated += 1;
      audits.push({
        action: "update",
        entity: "project",
        recordId: p.id,
        regionPath: p.region_path,
        before: old,
        after: p,
      });
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: "project",
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}

function same(old: Project, row: repo.ProjectValues): boolean {
  return COMPARED.every((k) => {
    const a = old[k];
    const b = row[k];
    return typeof a === "number" || typeof b === "number" ? Number(a) === Number(b) : a === b;
  });
}
