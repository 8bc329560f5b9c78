import type { Cell } from "./types.ts";

/** Cell decoding shared by the worksheet scanner and its saxes fallback. */

/** Inverse of Excel's "_xHHHH_" escaping of characters XML cannot carry verbatim. */
export function decodeXlsxText(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** What we need from styles.xml: each cell format's numFmtId, and custom format codes. */
export interface StyleInfo {
  xfNumFmt: number[];
  codes: Map<number, string>;
}

/** Built-in number formats that are dates or times (incl. the zh-CN ids 27-36, 50-58). */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_.|\*./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
}

export function excelSerialToDate(serial: number, date1904: boolean): Date {
  const days = serial - 25569 + (date1904 ? 1462 : 0);
  return new Date(Math.round(days * 86_400_000));
}

/** "AB12" → 27 (0-based column), or -1. */
export function columnIndex(ref: string | undefined): number {
  if (!ref) return -1;
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

export interface SheetContext {
  sharedStrings: string[] | undefined;
  isDateStyle(s: number): boolean;
  date1904: boolean;
}

export function makeContext(
  sharedStrings: string[] | undefined,
  date1904: boolean,
  styles: StyleInfo,
): SheetContext {
  const cache = new Map<number, boolean>();
  return {
    sharedStrings,
    date1904,
    isDateStyle(s) {
      let v = cache.get(s);
      if (v === undefined) {
        const id = styles.xfNumFmt[s] ?? 0;
        const code = styles.codes.get(id);
        v = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
        cache.set(s, v);
      }
      return v;
    },
  };
}

export function cellValue(
  t: string,
  v: string,
  inline: string,
  s: number,
  ctx: SheetContext,
): Cell {
  switch (t) {
    case "s":
      return ctx.sharedStrings?.[Number.parseInt(v, 10)] || null;
    case "inlineStr":
      return decodeXlsxText(inline || v) || null;
    case "str":
      return decodeXlsxText(v) || null;
    case "e":
      return v || null;
    case "b":
      return v === "" ? null : Number(v) !== 0;
    case "d": {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
      return Number.isNaN(d.getTime()) ? v || null : d;
    }
    default: {
      if (v === "") return null;
      const n = Number(v);
      if (Number.isNaN(n)) return v;
      return ctx.isDateStyle(s) ? excelSerialToDate(n, ctx.date1904) : n;
    }
  }
}
