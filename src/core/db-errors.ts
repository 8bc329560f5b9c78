import { AppError } from "./errors.ts";

/**
 * Constraint name → what the user is told is duplicated/referenced. Modules add theirs
 * next to their migrations' constraint names.
 */
const constraintLabels = new Map<string, string>([
  ["units_region_name_key", "同一地区下的同名单位"],
  ["users_username_key", "该用户名"],
  ["regions_code_key", "该地区代码"],
]);

export function registerConstraintLabels(labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) constraintLabels.set(k, v);
}

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
}

/** Maps a PostgreSQL error (pg or PGlite) to an AppError; null if it is not one we map. */
export function mapDbError(err: unknown): AppError | null {
  if (typeof err !== "object" || err === null) return null;
  const e = err as PgLikeError;
  if (typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  const constraint = typeof e.constraint === "string" ? e.constraint : "";
  switch (e.code) {
    case "23505":
      return new AppError("DUPLICATE", { what: constraintLabels.get(constraint) ?? "该记录" });
    case "23503":
      return new AppError("REFERENCED", { what: constraintLabels.get(constraint) });
    case "23502":
    case "23514":
    case "22P02":
    case "22001":
    case "22003":
    case "22007":
    case "22008":
      return new AppError("VALIDATION", { fields: [] });
    case "40001":
    case "40P01":
      return new AppError("BAD_STATE", { message: "数据正被他人同时修改，请重试" });
    default:
      return null;
  }
}
