import { z } from "zod";
import { writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Db, Enterprise, EnterpriseQualification } from "../../core/db/schema.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { importColumns, readImport } from "../../core/entity/import.ts";
import { AppError } from "../../core/errors.ts";
import { openTable } from "../../core/excel/index.ts";
import type { Scope } from "../../core/scope.ts";
import * as repo from "./enterprises.repository.ts";
import { enterpriseRegion } from "./enterprises.service.ts";
import { creditCode, isoDate } from "./entities.ts";
import { normaliseEnterpriseName } from "./name-normalise.ts";
import { getKind } from "./records.repository.ts";
import { qualificationValues } from "./records.service.ts";

/** Columns of a published recognition list (认定名单 / 入库名单). */
export const recognitionEntity = defineEntity({
  name: "enterprise_recognition",
  label: "认定名单",
  table: "r",
  defaultSort: "name",
  fields: {
    name: {
      label: "企业名称",
      type: "text",
      required: true,
      excel: ["企业名称", "单位名称", "名称"],
    },
    creditCode: {
      label: "统一社会信用代码",
      type: "text",
      excel: ["统一社会信用代码", "社会信用代码", "信用代码"],
    },
    number: {
      label: "证书编号",
      type: "text",
      required: true,
      excel: ["证书编号", "入库编号", "编号", "登记编号"],
    },
    issuedOn: {
      label: "发证日期",
      type: "date",
      required: true,
      excel: ["发证日期", "发证时间", "认定日期", "入库日期"],
    },
  },
});

const recognitionRow = z.object({
  name: z.string().trim().min(1).max(100),
  creditCode: creditCode.nullish(),
  number: z.string().trim().min(1).max(60),
  issuedOn: isoDate,
});
type RecognitionRow = z.infer<typeof recognitionRow>;

export interface UnmatchedRow {
  row: number;
  name: string;
  creditCode: string | null;
  reason: string;
}

export interface RecognitionResult {
  total: number;
  /** False when unmatched rows stopped the import: nothing was written. */
  written: boolean;
  matchedByCode: number;
  matchedByName: number;
  unmatched: UnmatchedRow[];
  enterprisesCreated: number;
  created: number;
  updated: number;
  unchanged: number;
}

type Match = { enterprise: Enterprise; by: "code" | "name" } | { reason: string };

function matchRow(
  v: RecognitionRow,
  byCode: Map<string, Enterprise>,
  byName: Map<string, Enterprise[]>,
): Match {
  const hit = v.creditCode ? byCode.get(v.creditCode) : undefined;
  if (hit) return { enterprise: hit, by: "code" };
  const named = byName.get(normaliseEnterpriseName(v.name)) ?? [];
  if (named.length === 1 && named[0]) return { enterprise: named[0], by: "name" };
  if (named.length > 1) return { reason: "企业名录中有多家同名企业，请补充统一社会信用代码" };
  return { reason: "企业名录中没有该企业" };
}

/** Row numbers of the data rows, in order (the spine's values carry none). */
async function dataRowNumbers(buffer: Buffer, filename: string): Promise<number[]> {
  const table = await openTable(
    { buffer },
    { filename, columns: importColumns(recognitionEntity) },
  );
  const rows: number[] = [];
  for await (const r of table.rows) rows.push(r.row);
  return rows;
}

/**
 * Imports a published recognition list of one qualification kind. Malformed rows fail the
 * whole file; rows that match no enterprise are returned and nothing is written, unless
 * `createMissing` adds them to the registry (in the importer's region). Idempotent on
 * (enterprise, certificate number).
 */
export async function importRecognitions(
  db: Db,
  scope: Scope,
  buffer: Buffer,
  opts: { filename: string; maxBytes?: number; kindCode: string; createMissing: boolean },
): Promise<RecognitionResult> {
  const kind = await getKind(db, opts.kindCode);
  if (!kind) throw new AppError("NOT_FOUND", { entity: "资质类型" });
  const { values, total } = await readImport({ buffer }, opts, {
    def: recognitionEntity,
    schema: recognitionRow,
    naturalKey: (v) => v.number,
  });
  const byCode = new Map(
    (
      await repo.findByCreditCodes(
        db,
        scope,
        values.flatMap((v) => v.creditCode ?? []),
      )
    ).map((e) => [e.credit_code, e]),
  );
  const byName = new Map<string, Enterprise[]>();
  for (const e of await repo.findByNormNames(
    db,
    scope,
    values.map((v) => normaliseEnterpriseName(v.name)),
  )) {
    byName.set(e.name_norm, [...(byName.get(e.name_norm) ?? []), e]);
  }
  const matches = values.map((v) => matchRow(v, byCode, byName));
  const result: RecognitionResult = {
    total,
    written: false,
    matchedByCode: 0,
    matchedByName: 0,
    unmatched: [],
    enterprisesCreated: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  for (const m of matches) {
    if ("by" in m) result[m.by === "code" ? "matchedByCode" : "matchedByName"] += 1;
  }
  const missing = matches.flatMap((m, i) => ("reason" in m ? [i] : []));
  const blocking = opts.createMissing ? missing.filter((i) => !values[i]?.creditCode) : missing;
  if (blocking.length > 0) {
    const rows = await dataRowNumbers(buffer, opts.filename);
    result.unmatched = blocking.map((i) => {
      const v = values[i];
      const m = matches[i];
      return {
        row: rows[i] ?? i + 1,
        name: v?.name ?? "",
        creditCode: v?.creditCode ?? null,
        reason: opts.createMissing
          ? "缺少统一社会信用代码，无法新建企业"
          : m && "reason" in m
            ? m.reason
            : "",
      };
    });
    return result;
  }
  return db.transaction().execute(async (trx) => {
    const audits = [];
    const targets: Enterprise[] = [];
    const region = missing.length > 0 ? await enterpriseRegion(trx, scope, scope.regionId) : null;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const m = matches[i];
      if (!v || !m) continue;
      if ("enterprise" in m) {
        targets.push(m.enterprise);
        continue;
      }
      if (!region || !v.creditCode) throw new AppError("INTERNAL");
      const e = await repo.insertEnterprise(trx, {
        name: v.name,
        name_norm: normaliseEnterpriseName(v.name),
        credit_code: v.creditCode,
        region_id: region.id,
        region_path: region.path,
        legal_rep: null,
        contact: null,
        phone: null,
        address: null,
        industry: null,
        founded_on: null,
        tags: null,
      });
      result.enterprisesCreated += 1;
      audits.push({
        action: "create" as const,
        entity: "enterprise",
        recordId: e.id,
        regionPath: e.region_path,
        after: e,
      });
      targets.push(e);
    }
    const existing = await trx
      .selectFrom("enterprise_qualifications")
      .selectAll()
      .where("kind_code", "=", kind.code)
      .where(
        "enterprise_id",
        "in",
        targets.map((t) => t.id),
      )
      .execute();
    const byNumber = new Map(existing.map((q) => [`${q.enterprise_id}|${q.number}`, q]));
    const byYear = new Map(existing.map((q) => [`${q.enterprise_id}|${q.year}`, q]));
    const seenYear = new Map<string, number>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const e = targets[i];
      if (!v || !e) continue;
      const row = await qualificationValues(trx, e, {
        enterpriseId: e.id,
        kindCode: kind.code,
        number: v.number,
        issuedOn: v.issuedOn,
      });
      const yearKey = `${e.id}|${row.year}`;
      const first = seenYear.get(yearKey);
      if (first !== undefined) {
        const rows = await dataRowNumbers(buffer, opts.filename);
        const at = (k: number) => rows[k] ?? k + 1;
        throw new AppError("IMPORT_INVALID", {
          total,
          rows: [
            { row: at(i), column: "证书编号", message: `与第 ${at(first)} 行是同一企业同一年度` },
          ],
        });
      }
      seenYear.set(yearKey, i);
      const old: EnterpriseQualification | undefined =
        byNumber.get(`${e.id}|${v.number}`) ?? byYear.get(yearKey);
      if (!old) {
        const q = await trx
          .insertInto("enterprise_qualifications")
          .values(row)
          .returningAll()
          .executeTakeFirstOrThrow();
        result.created += 1;
        audits.push({
          action: "create" as const,
          entity: "enterprise_qualifications",
          recordId: q.id,
          regionPath: q.region_path,
          after: q,
        });
        continue;
      }
      if (old.number === row.number && old.issued_on === row.issued_on && old.year === row.year) {
        result.unchanged += 1;
        continue;
      }
      const q = await trx
        .updateTable("enterprise_qualifications")
        .set({
          number: row.number,
          issued_on: row.issued_on,
          year: row.year,
          expires_on: row.expires_on,
          version: old.version + 1,
          updated_at: new Date(),
        })
        .where("id", "=", old.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      result.updated += 1;
      audits.push({
        action: "update" as const,
        entity: "enterprise_qualifications",
        recordId: q.id,
        regionPath: q.region_path,
        before: old,
        after: q,
      });
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: "enterprise_qualifications",
      regionPath: scope.regionPath,
      after: { filename: opts.filename, kind: kind.code, ...result },
    });
    result.written = true;
    return result;
  });
}
