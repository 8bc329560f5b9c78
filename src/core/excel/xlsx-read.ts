import { AppError, isAppError } from "../errors.ts";
import type { Cell, RawRow, ReadProgress } from "./types.ts";
import { parseSax, unzipper, type ZipEntry } from "./xlsx-internals.ts";
import {
  decodeXlsxText,
  readRels,
  readSharedStrings,
  readStyles,
  readWorkbook,
  type StyleInfo,
} from "./xlsx-parts.ts";

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
function columnIndex(ref: string | undefined): number {
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

interface SheetContext {
  sharedStrings: string[] | undefined;
  isDateStyle(s: number): boolean;
  date1904: boolean;
}

function makeContext(
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

function cellValue(t: string, v: string, inline: string, s: number, ctx: SheetContext): Cell {
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

/** The entry's inflated chunks, unchanged, tallied into `meter` as they pass. */
async function* metered(entry: ZipEntry, meter: ReadProgress): AsyncGenerator<unknown> {
  if (entry.uncompressedSize > 0) meter.totalBytes = entry.uncompressedSize;
  for await (const chunk of entry.stream()) {
    if (chunk instanceof Uint8Array || typeof chunk === "string") meter.bytes += chunk.length;
    yield chunk;
  }
}

/** Streams the rows of one worksheet's XML; only rows with at least one value are yielded. */
async function* sheetRows(
  entry: ZipEntry,
  ctx: SheetContext,
  meter: ReadProgress,
): AsyncGenerator<RawRow> {
  let rowNo = 0;
  let cells: Cell[] = [];
  let hasValue = false;
  let col = 0;
  let t = "n";
  let s = 0;
  let v = "";
  let inline = "";
  let inV = false;
  let inT = false;
  let inRph = false;
  for await (const events of parseSax(metered(entry, meter))) {
    for (const ev of events) {
      if (ev.eventType === "text") {
        if (inV) v += ev.value;
        else if (inT && !inRph) inline += ev.value;
        continue;
      }
      const tag = ev.value;
      if (ev.eventType === "opentag") {
        switch (tag.name) {
          case "row": {
            const r = Number.parseInt(tag.attributes.r ?? "", 10);
            rowNo = Number.isFinite(r) ? r : rowNo + 1;
            cells = [];
            hasValue = false;
            col = 0;
            break;
          }
          case "c": {
            const ci = columnIndex(tag.attributes.r);
            col = ci >= 0 ? ci : col;
            t = tag.attributes.t ?? "n";
            s = Number.parseInt(tag.attributes.s ?? "0", 10) || 0;
            v = "";
            inline = "";
            break;
          }
          case "v":
            inV = true;
            break;
          case "t":
            inT = true;
            break;
          case "rPh":
            inRph = true;
            break;
        }
      } else {
        switch (tag.name) {
          case "v":
            inV = false;
            break;
          case "t":
            inT = false;
            break;
          case "rPh":
            inRph = false;
            break;
          case "c": {
            const value = cellValue(t, v, inline, s, ctx);
            if (value !== null) {
              cells[col] = value;
              hasValue = true;
            }
            col++;
            break;
          }
          case "row":
            if (hasValue) yield { row: rowNo, cells };
            break;
        }
      }
    }
  }
}

export function corruptXlsx(): AppError {
  return new AppError("FILE_UNREADABLE", {
    reason: "文件已损坏或不是有效的 .xlsx 表格，请在 Excel 或 WPS 中打开后重新另存为 .xlsx",
  });
}

/**
 * Rows of the first visible worksheet. The zip is opened by its central directory, so
 * workbook, styles and shared strings are read before the sheet is streamed, whatever
 * order the writer put them in; only the sheet's rows are streamed, never held.
 */
export async function* readXlsxRows(
  zip: { path: string } | { buffer: Buffer },
  opts: { maxSharedStringChars: number; meter?: ReadProgress },
): AsyncGenerator<RawRow> {
  try {
    const dir = await ("path" in zip
      ? unzipper.Open.file(zip.path)
      : unzipper.Open.buffer(zip.buffer));
    const byPath = new Map(dir.files.map((f) => [f.path.replace(/^\//, "").toLowerCase(), f]));
    const rels = await readRels(byPath.get("xl/_rels/workbook.xml.rels"));
    const relOfType = (suffix: string) =>
      [...rels.values()].find((r) => r.type.endsWith(`/${suffix}`))?.target;
    const workbook = await readWorkbook(byPath.get("xl/workbook.xml"));
    const styles = await readStyles(byPath.get(relOfType("styles") ?? "xl/styles.xml"));
    const shared = await readSharedStrings(
      byPath.get(relOfType("sharedStrings") ?? "xl/sharedstrings.xml"),
      opts.maxSharedStringChars,
    );
    const first = workbook.sheets.find((x) => !x.hidden) ?? workbook.sheets[0];
    const target = first ? rels.get(first.rId)?.target : undefined;
    const sheet =
      (target ? byPath.get(target) : undefined) ??
      dir.files
        .filter((f) => /^xl\/worksheets\/[^/]+\.xml$/i.test(f.path))
        .sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }))[0];
    if (!sheet) throw new AppError("FILE_UNREADABLE", { reason: "文件中没有工作表" });
    const meter = opts.meter ?? { bytes: 0 };
    yield* sheetRows(sheet, makeContext(shared, workbook.date1904, styles), meter);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw corruptXlsx();
  }
}
