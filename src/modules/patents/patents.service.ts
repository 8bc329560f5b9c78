import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Patent } from "../../core/db/schema.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { patentEntity, patentRowInput } from "./entities.ts";
import { buildRow, enterpriseMaps, resolveRow } from "./import.ts";
import { findPatentsByNumbers, getPatent } from "./patents.repository.ts";

const LABEL = patentEntity.label;
/** A form submission checked as a list row is, with the same Chinese messages. */
async function parseForm(raw: unknown) {
  const row = { ...(typeof raw === "object" && raw !== null ? raw : {}) } as Record<
    string,
    unknown
  >;
  for (const [k, v] of Object.entries(row)) if (v === "" || v === null) delete row[k];
  const issues = resolveRow(row);
  if (issues.length > 0)
    throw new AppError("VALIDATION", {
      fields: issues.map((i) => ({
        field: i.key,
        label: patentEntity.fields[i.key as keyof typeof patentEntity.fields]?.label,
        message: i.message,
      })),
    });
  const value = parseInput(patentRowInput, row, patentEntity);
  const regionId = Number(row.regionId);
  return { value, regionId: Number.isInteger(regionId) && regionId > 0 ? regionId : null };
}

export async function createPatent(
  db: Conn,
  scope: Scope,
  raw: unknown,
  today: string,
): Promise<Patent> {
  const { value, regionId } = await parseForm(raw);
  const [existing] = await findPatentsByNumbers(db, [value.applicationNo]);
  if (existing) throw new AppError("DUPLICATE", { what: `申请号 ${value.applicationNo}` });
  const fallback = await regionForWrite(db, scope, regionId ?? scope.regionId);
  const ctx = { scope, today, fallback, ...(await enterpriseMaps(db, scope, [value])) };
  const row = buildRow(value, undefined, ctx);
  if ((row.legal_status === "有效" || row.legal_status === "授权") && !row.granted_on)
    throw new AppError("VALIDATION", {
      fields: [{ field: "grantedOn", label: "授权公告日", message: "法律状态为授权或有效时必填" }],
    });
  const p = await db.insertInto("patents").values(row).returningAll().executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "patent",
    recordId: p.id,
    regionPath: p.region_path,
    after: p,
  });
  return p;
}

/** A form edit states the whole record: a cleared date is cleared (unlike a partial list). */
export async function updatePatent(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
  today: string,
): Promise<Patent> {
  const version = Number((raw as { version?: unknown } | null)?.version);
  const before = await getPatent(db, scope, id);
  if (!before) throw new AppError("NOT_FOUND", { entity: LABEL });
  const { value, regionId } = await parseForm(raw);
  const fallback = await regionForWrite(db, scope, regionId ?? before.region_id);
  const ctx = { scope, today, fallback, ...(await enterpriseMaps(db, scope, [value])) };
  const row = buildRow(value, undefined, ctx);
  if (!value.statusOn && before.legal_status === row.legal_status) row.status_on = before.status_on;
  if ((row.legal_status === "有效" || row.legal_status === "授权") && !row.granted_on)
    throw new AppError("VALIDATION", {
      fields: [{ field: "grantedOn", label: "授权公告日", message: "法律状态为授权或有效时必填" }],
    });
  const p = await db
    .updateTable("patents")
    .set({ ...row, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!p) throw new AppError("VERSION_CONFLICT", { entity: LABEL });
  const { region_name: _r, enterprise_name: _e, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: "patent",
    recordId: id,
    regionPath: p.region_path,
    before: beforeRow,
    after: p,
  });
  return p;
}
