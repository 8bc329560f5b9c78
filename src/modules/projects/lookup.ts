import type { Conn } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";
import { normaliseCreditCode } from "../enterprises/credit-code.ts";
import { normaliseEnterpriseName } from "../enterprises/name-normalise.ts";

export interface EnterpriseHit {
  id: number;
  name: string;
  region_id: number;
}

/**
 * The one registry enterprise in scope a cell names (credit code or name); "ambiguous" when
 * two share the normalised name, null when none.
 */
export async function enterpriseByCell(
  db: Conn,
  scope: Scope,
  cell: string,
): Promise<EnterpriseHit | "ambiguous" | null> {
  const code = normaliseCreditCode(cell);
  const norm = normaliseEnterpriseName(cell);
  const rows = await db
    .selectFrom("enterprises")
    .select(["id", "name", "region_id", "credit_code"])
    .where((eb) => eb.or([eb("credit_code", "=", code), eb("name_norm", "=", norm)]))
    .where("region_path", "like", `${scope.regionPath}%`)
    .limit(3)
    .execute();
  const byCode = rows.find((r) => r.credit_code === code);
  if (byCode) return byCode;
  if (rows.length > 1) return "ambiguous";
  return rows[0] ?? null;
}

/** A project a cell names by 立项编号, 任务书编号 or exact name, within scope. */
export async function projectByCell(db: Conn, scope: Scope, cell: string) {
  const rows = await db
    .selectFrom("projects")
    .selectAll()
    .where((eb) =>
      eb.or([eb("approval_no", "=", cell), eb("task_book_no", "=", cell), eb("name", "=", cell)]),
    )
    .where("region_path", "like", `${scope.regionPath}%`)
    .limit(3)
    .execute();
  const exact = rows.filter((r) => r.approval_no === cell || r.task_book_no === cell);
  if (exact.length === 1) return exact[0];
  if (rows.length > 1) return "ambiguous" as const;
  return rows[0] ?? null;
}
