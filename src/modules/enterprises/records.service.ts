import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Enterprise } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "./enterprises.repository.ts";
import {
  applicationInput,
  type QualificationInput,
  qualificationInput,
  recordLabels,
  regionYearInput,
  versioned,
  yearlyInput,
} from "./entities.ts";
import * as repo from "./records.repository.ts";
import { expiryOf, yearOf } from "./validity.ts";

const LABELS: Record<repo.RecordTable, string> = {
  enterprise_qualifications: "企业资质",
  enterprise_applications: "申报记录",
  enterprise_yearly: "企业年度数据",
  region_year_figures: "地区年度数据",
};

function fieldError(field: keyof typeof recordLabels.fields, message: string): AppError {
  return new AppError("VALIDATION", {
    fields: [{ field, label: recordLabels.fields[field].label, message }],
  });
}

async function enterpriseFor(db: Conn, scope: Scope, id: number): Promise<Enterprise> {
  const e = await findEnterprise(db, scope, id);
  if (!e) throw new AppError("NOT_FOUND", { entity: "企业" });
  return e;
}

/** Year, expiry and checks of a qualification from its kind's validity rule. */
export async function qualificationValues(
  db: Conn,
  enterprise: Enterprise,
  input: QualificationInput,
): Promise<repo.QualificationValues> {
  const kind = await repo.getKind(db, input.kindCode);
  if (!kind?.active) throw fieldError("kindCode", "不是可选的资质类型");
  if (!kind.by_year && !input.issuedOn) throw fieldError("issuedOn", "必填");
  if (kind.category === "hte" && !input.number) throw fieldError("number", "必填");
  const year = input.year ?? (input.issuedOn ? yearOf(input.issuedOn) : null);
  if (year === null) throw fieldError("year", "必填");
  return {
    enterprise_id: enterprise.id,
    region_id: enterprise.region_id,
    region_path: enterprise.region_path,
    kind_code: kind.code,
    number: input.number ?? null,
    year,
    issued_on: input.issuedOn ?? null,
    expires_on: expiryOf(kind, year, input.issuedOn ?? null),
    note: input.note ?? null,
  };
}

async function valuesFor(
  db: Conn,
  scope: Scope,
  table: repo.RecordTable,
  raw: unknown,
): Promise<Record<string, unknown>> {
  switch (table) {
    case "enterprise_qualifications": {
      const input = parseInput(qualificationInput, raw, recordLabels);
      return qualificationValues(db, await enterpriseFor(db, scope, input.enterpriseId), input);
    }
    case "enterprise_applications": {
      const input = parseInput(applicationInput, raw, recordLabels);
      const e = await enterpriseFor(db, scope, input.enterpriseId);
      const kind = await repo.getKind(db, input.kindCode);
      if (!kind) throw fieldError("kindCode", "不是可选的资质类型");
      if (input.result !== "申报" && !input.decidedOn) throw fieldError("decidedOn", "必填");
      return {
        enterprise_id: e.id,
        region_id: e.region_id,
        region_path: e.region_path,
        kind_code: kind.code,
        year: input.year,
        batch: input.batch,
        applied_on: input.appliedOn,
        result: input.result,
        decided_on: input.decidedOn ?? null,
      } satisfies repo.ApplicationValues;
    }
    case "enterprise_yearly": {
      const input = parseInput(yearlyInput, raw, recordLabels);
      const e = await enterpriseFor(db, scope, input.enterpriseId);
      if ((input.stStaff ?? 0) > (input.employees ?? Number.POSITIVE_INFINITY))
        throw fieldError("stStaff", "不能多于职工总数");
      return {
        enterprise_id: e.id,
        region_id: e.region_id,
        region_path: e.region_path,
        year: input.year,
        revenue: input.revenue ?? null,
        rd_expense: input.rdExpense ?? null,
        hitech_income: input.hitechIncome ?? null,
        super_deduction: input.superDeduction ?? null,
        employees: input.employees ?? null,
        st_staff: input.stStaff ?? null,
        above_scale: input.aboveScale,
      } satisfies repo.YearlyValues;
    }
    case "region_year_figures": {
      const input = parseInput(regionYearInput, raw, recordLabels);
      const region = await regionForWrite(db, scope, input.regionId);
      return {
        region_id: region.id,
        region_path: region.path,
        year: input.year,
        gdp: input.gdp ?? null,
        hitech_output: input.hitechOutput ?? null,
        population: input.population ?? null,
      } satisfies repo.RegionYearValues;
    }
  }
}

function assignments(values: Record<string, unknown>) {
  return sql.join(Object.entries(values).map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
}

/** Creates one record of a child table; the audit row names the table as the entity. */
export async function createRecord(
  db: Conn,
  scope: Scope,
  table: repo.RecordTable,
  raw: unknown,
): Promise<Record<string, unknown> & { id: number }> {
  const values = await valuesFor(db, scope, table, raw);
  const cols = Object.keys(values);
  const r = await sql<Record<string, unknown> & { id: number; region_path: string }>`
    insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
    values (${sql.join(Object.values(values))}) returning *`.execute(db);
  const row = r.rows[0];
  if (!row) throw new AppError("INTERNAL");
  await writeAudit(db, scope, {
    action: "create",
    entity: table,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function updateRecord(
  db: Conn,
  scope: Scope,
  table: repo.RecordTable,
  id: number,
  raw: unknown,
): Promise<Record<string, unknown> & { id: number }> {
  const { version } = parseInput(versioned, raw);
  const before = await repo.findRecord(db, scope, table, id);
  if (!before) return explainMissedWrite(db, scope, table, id, LABELS[table]);
  const values = await valuesFor(db, scope, table, raw);
  const r = await sql<Record<string, unknown> & { id: number; region_path: string }>`
    update ${sql.table(table)} set ${assignments(values)}, version = version + 1,
    updated_at = now() where id = ${id} and version = ${version}
    and region_path like ${`${scope.regionPath}%`} returning *`.execute(db);
  const row = r.rows[0];
  if (!row) return explainMissedWrite(db, scope, table, id, LABELS[table]);
  await writeAudit(db, scope, {
    action: "update",
    entity: table,
    recordId: id,
    regionPath: row.region_path,
    before,
    after: row,
  });
  return row;
}

export async function deleteRecord(
  db: Conn,
  scope: Scope,
  table: repo.RecordTable,
  id: number,
  version: number,
): Promise<void> {
  const row = await repo.deleteRecord(db, scope, table, id, version);
  if (!row) return explainMissedWrite(db, scope, table, id, LABELS[table]);
  await writeAudit(db, scope, {
    action: "delete",
    entity: table,
    recordId: id,
    regionPath: row.region_path,
    before: row,
  });
}
