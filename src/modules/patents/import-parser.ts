import type { RowParser } from "../../core/entity/import.ts";
import { parseApplicationNo } from "./application-no.ts";
import { legalStatusOf, patentTypeOf } from "./classify.ts";
import { type PatentRowInput, patentEntity, patentRowInput } from "./entities.ts";

/** Checks one list row in place: number normalised, type cross-checked, status mapped. */
export function resolveRow(row: Record<string, unknown>) {
  const issues: { key: string; message: string }[] = [];
  const no = parseApplicationNo(String(row.applicationNo ?? ""));
  if (!no.ok) return [{ key: "applicationNo", message: no.message }];
  row.applicationNo = no.value.normal;
  if (typeof row.typeText === "string") {
    const t = patentTypeOf(row.typeText);
    if (t === null) issues.push({ key: "typeText", message: `“${row.typeText}”不是专利类型` });
    else if (t !== no.value.type)
      issues.push({
        key: "typeText",
        message: `与申请号表示的类型（${no.value.type}）不一致`,
      });
  }
  if (typeof row.statusText === "string") {
    const s = legalStatusOf(row.statusText);
    if (s === null)
      issues.push({ key: "statusText", message: `无法识别法律状态“${row.statusText}”` });
    else row.legalStatus = s;
  }
  const filed = typeof row.filedOn === "string" ? row.filedOn : null;
  // A domestic number carries the filing year; a PCT number the national-entry year.
  if (filed && !no.value.pct && Number(filed.slice(0, 4)) !== no.value.year)
    issues.push({ key: "filedOn", message: `与申请号中的年份（${no.value.year}）不一致` });
  for (const key of ["grantedOn", "lapsedOn"] as const) {
    const d = row[key];
    if (filed && typeof d === "string" && d < filed)
      issues.push({ key, message: "不能早于申请日" });
  }
  if (row.grantedOn && row.legalStatus === "在审")
    issues.push({ key: "statusText", message: "已有授权公告日，法律状态不应为在审" });
  if (row.grantedOn && (row.legalStatus === "驳回" || row.legalStatus === "撤回"))
    issues.push({ key: "statusText", message: `已有授权公告日，法律状态不应为${row.legalStatus}` });
  return issues;
}

/**
 * How a patent list row is read and checked. Kept apart from the writing code (and free of
 * database imports) so the import worker thread can load it by URL: see
 * src/core/entity/import-in-worker.ts.
 */
export const patentParser: RowParser<PatentRowInput> = {
  def: patentEntity,
  schema: patentRowInput,
  naturalKey: (v) => v.applicationNo,
  // The number's digits before the check digit (8 or 12 of them) identify it exactly.
  keyNumber: (v) => Number(v.applicationNo.split(".")[0]),
  resolve: resolveRow,
};
