import { neutraliseFormula } from "./neutralise.ts";

export interface ExportColumn {
  key: string;
  /** Chinese header label. */
  header: string;
  /** Column width in characters (XLSX only). */
  width?: number;
  /** Excel number format, e.g. "0.00", "yyyy-mm-dd" (XLSX only; dates default to yyyy-mm-dd). */
  numFmt?: string;
}

/** Any objects (DB rows, interfaces); cells are read by `column.key`. */
export type ExportRows = AsyncIterable<object> | Iterable<object>;

export interface ExportSheet {
  /** Worksheet name (XLSX); trimmed to Excel's 31 characters. */
  name: string;
  /** Optional title row above the header (e.g. "2026年高新技术企业名单"). */
  title?: string;
  columns: ExportColumn[];
  rows: ExportRows;
}

export type ExportValue = string | number | boolean | Date | null;

/** One cell of an export, made safe: text neutralised, odd values turned into text. */
export function exportValue(v: unknown): ExportValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (typeof v === "bigint") {
    return Number.isSafeInteger(Number(v)) ? Number(v) : neutraliseFormula(v.toString());
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return neutraliseFormula(s);
}

export async function* iterate(rows: ExportRows): AsyncGenerator<Record<string, unknown>> {
  for await (const r of rows) yield r as Record<string, unknown>;
}
