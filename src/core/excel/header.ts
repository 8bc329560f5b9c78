import { AppError } from "../errors.ts";
import type { Cell, ColumnSpec, MappedColumn, RawRow } from "./types.ts";

/**
 * Header text as people type it varies: full-width letters and brackets, spaces and line
 * breaks (Alt+Enter) inside the cell, "*" or "（必填）" markers, a trailing colon. All of
 * that is folded away before comparing; NFKC maps full-width forms to half-width.
 */
export function normaliseHeader(text: string): string {
  let s = text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  let prev = "";
  while (prev !== s) {
    prev = s;
    s = s
      .replace(/^\*+/, "")
      .replace(/\*+$/, "")
      .replace(/\((必填|选填|必输|可选|非必填)\)$/, "")
      .replace(/[:]+$/, "");
  }
  return s;
}

export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return "";
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

export function isBlank(cells: Cell[]): boolean {
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    if (typeof c === "string" && c.trim() === "") continue;
    return false;
  }
  return true;
}

interface HeaderCandidate {
  index: number;
  /** Display text, e.g. "经费（万元）/国拨". */
  header: string;
  /** Names to try, most specific first. */
  names: string[];
}

function singleRowHeaders(row: RawRow): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  row.cells.forEach((c, index) => {
    const header = cellText(c);
    if (header) out.push({ index, header, names: [header] });
  });
  return out;
}

/**
 * Two-row header: a merged group title only has text in its first cell, so it is carried
 * right over empty cells for as long as the row below has sub-headers.
 */
function twoRowHeaders(top: RawRow, sub: RawRow): HeaderCandidate[] {
  const width = Math.max(top.cells.length, sub.cells.length);
  const out: HeaderCandidate[] = [];
  let group = "";
  for (let index = 0; index < width; index++) {
    const t = cellText(top.cells[index]);
    const s = cellText(sub.cells[index]);
    if (t) group = t;
    else if (!s) group = "";
    if (s && group) {
      out.push({ index, header: `${group}/${s}`, names: [`${group}/${s}`, `${group}${s}`, s] });
    } else if (s) out.push({ index, header: s, names: [s] });
    else if (t) out.push({ index, header: t, names: [t] });
  }
  return out;
}

export interface HeaderMatch {
  columns: MappedColumn[];
  ignored: { header: string; index: number }[];
  duplicates: { key: string; headers: string[] }[];
  missing: ColumnSpec[];
}

export function matchHeaders(cands: HeaderCandidate[], specs: ColumnSpec[]): HeaderMatch {
  const lookup = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const h of spec.headers) {
      const n = normaliseHeader(h);
      if (n && !lookup.has(n)) lookup.set(n, spec);
    }
  }
  const byKey = new Map<string, MappedColumn[]>();
  const ignored: { header: string; index: number }[] = [];
  for (const cand of cands) {
    let spec: ColumnSpec | undefined;
    for (const name of cand.names) {
      spec = lookup.get(normaliseHeader(name));
      if (spec) break;
    }
    if (!spec) {
      ignored.push({ header: cand.header, index: cand.index });
      continue;
    }
    const list = byKey.get(spec.key) ?? [];
    list.push({ key: spec.key, header: cand.header, index: cand.index });
    byKey.set(spec.key, list);
  }
  const columns: MappedColumn[] = [];
  const duplicates: { key: string; headers: string[] }[] = [];
  for (const [key, list] of byKey) {
    const first = list[0];
    if (first) columns.push(first);
    if (list.length > 1) duplicates.push({ key, headers: list.map((c) => c.header) });
  }
  columns.sort((a, b) => a.index - b.index);
  const missing = specs.filter((s) => s.required && !byKey.has(s.key));
  return { columns, ignored, duplicates, missing };
}

export interface FoundHeader extends HeaderMatch {
  headerRow: number;
  headerRows: 1 | 2;
}

/**
 * Picks the header among the first rows: the row (or adjacent pair of rows) whose cells
 * match the most expected columns. Ties go to the single row, then to the earlier row.
 */
export function findHeader(rows: RawRow[], specs: ColumnSpec[]): FoundHeader | null {
  const single = rows.map((row) => matchHeaders(singleRowHeaders(row), specs));
  let best: FoundHeader | null = null;
  let bestScore = 0;
  for (const [i, row] of rows.entries()) {
    const one = single[i];
    if (one && one.columns.length > bestScore) {
      bestScore = one.columns.length;
      best = { ...one, headerRow: row.row, headerRows: 1 };
    }
    const next = rows[i + 1];
    if (!next || next.row !== row.row + 1) continue;
    // A pair must beat both of its rows alone, else the upper row is just a title.
    const two = matchHeaders(twoRowHeaders(row, next), specs);
    const alone = Math.max(one?.columns.length ?? 0, single[i + 1]?.columns.length ?? 0);
    if (two.columns.length > alone && two.columns.length > bestScore) {
      bestScore = two.columns.length;
      best = { ...two, headerRow: row.row, headerRows: 2 };
    }
  }
  return best;
}

function quoteList(names: string[]): string {
  return names.map((n) => `“${n}”`).join("、");
}

/** Throws the user-facing error for a header that cannot be used. */
export function assertUsableHeader(
  found: FoundHeader | null,
  specs: ColumnSpec[],
  scanned: number,
): asserts found is FoundHeader {
  if (!found) {
    const names = specs.filter((s) => s.required).map((s) => s.headers[0] ?? s.key);
    throw new AppError("FILE_UNREADABLE", {
      reason: `前 ${scanned} 行中没有找到表头${names.length ? `（应包含${quoteList(names.slice(0, 5))}等列）` : ""}，请使用导入模板`,
    });
  }
  const label = (key: string) => specs.find((s) => s.key === key)?.headers[0] ?? key;
  if (found.missing.length > 0) {
    throw new AppError("FILE_UNREADABLE", {
      reason: `第 ${found.headerRow} 行表头缺少必填列：${quoteList(found.missing.map((s) => s.headers[0] ?? s.key))}，请检查表头或使用导入模板`,
    });
  }
  if (found.duplicates.length > 0) {
    const parts = found.duplicates.map((d) => `${quoteList(d.headers)}都对应“${label(d.key)}”`);
    throw new AppError("FILE_UNREADABLE", {
      reason: `表头有重复的列：${parts.join("；")}，请只保留一列`,
    });
  }
}
