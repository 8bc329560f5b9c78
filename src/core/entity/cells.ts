import type { Cell } from "../excel/types.ts";
import type { FieldDef } from "./define.ts";

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const TRUE = new Set(["是", "true", "1", "启用", "有效", "y", "yes", "√"]);
const FALSE = new Set(["否", "false", "0", "停用", "无效", "n", "no", "×"]);

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of the decimal digits s[a..b), or -1 if any is not one. */
function digitsAt(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `s` if it is already a valid YYYY-MM-DD day (as most lists and every export write dates),
 * checked without building a Date; null otherwise, including years before 100, which the
 * general path (Date.UTC) cannot represent either.
 */
function isoDay(s: string): string | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1) return null;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (MONTH_DAYS[m - 1] ?? 0) + (leap ? 1 : 0) ? s : null;
}

/** Dates as bureaus type them: 2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, 20260105, Excel dates. */
export function parseDateCell(cell: Cell): string | null {
  if (cell instanceof Date) {
    // Excel dates arrive as UTC midnight of the calendar day.
    return validDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === "number" && cell > 20000 && cell < 80000) {
    const ms = Math.round((cell - 25569) * 86_400_000);
    const d = new Date(ms);
    return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const s = String(cell ?? "").trim();
  const iso = isoDay(s);
  if (iso) return iso;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseNumberCell(cell: Cell): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  const s = String(cell ?? "")
    .trim()
    .replace(/[,，\s]/g, "")
    .replace(/^[¥￥]/, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * Converts one spreadsheet cell to the field's input value. Region and unit cells stay
 * text: the module resolves them against its own scope.
 */
export function coerceCell(field: FieldDef, cell: Cell): Coerced {
  if (cell === null || (typeof cell === "string" && cell.trim() === ""))
    return { ok: true, value: undefined };
  switch (field.type) {
    case "text":
    case "textarea":
    case "region":
    case "unit":
    case "enterprise":
    case "remote":
      return { ok: true, value: cell instanceof Date ? parseDateCell(cell) : String(cell).trim() };
    case "number":
    case "money":
    case "integer": {
      const n = parseNumberCell(cell);
      if (n === null) return { ok: false, message: `“${String(cell)}”不是有效的数字` };
      if (field.type === "integer" && !Number.isInteger(n))
        return { ok: false, message: "应为整数" };
      return { ok: true, value: n };
    }
    case "date": {
      const d = parseDateCell(cell);
      return d ? { ok: true, value: d } : { ok: false, message: `“${String(cell)}”不是有效的日期` };
    }
    case "boolean": {
      const s = String(cell).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return { ok: false, message: "应填“是”或“否”" };
    }
    case "enum": {
      const s = String(cell).trim();
      const hit = field.options?.find((o) => o.value === s || o.label === s);
      if (!hit) {
        const allowed = (field.options ?? []).map((o) => o.label).join("、");
        return { ok: false, message: `“${s}”不是可选值（可选：${allowed}）` };
      }
      return { ok: true, value: hit.value };
    }
  }
}
