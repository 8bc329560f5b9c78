import { AppError } from "../errors.ts";
import { decodeText } from "./csv-decode.ts";
import { CsvParser, guessDelimiter } from "./csv-parse.ts";
import { assertUsableHeader, type FoundHeader, findHeader, isBlank } from "./header.ts";
import { DEFAULT_MAX_BYTES, openByteSource, sniffFormat, spoolToTempFile } from "./input.ts";
import type {
  Cell,
  OpenedTable,
  OpenTableOptions,
  RawRow,
  ReadProgress,
  TableInput,
  TableRow,
} from "./types.ts";
import { readXlsxRows } from "./xlsx-read.ts";

export const DEFAULT_MAX_ROWS = 200_000;
const DEFAULT_HEADER_SCAN = 20;

/** A CSV's rows, in batches: one per decoded chunk. */
async function* csvRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<RawRow[]> {
  let parser: CsvParser | null = null;
  let rowNo = 0;
  const rowsOf = (records: string[][]): RawRow[] => {
    const out: RawRow[] = [];
    for (const rec of records) {
      rowNo++;
      const cells: Cell[] = rec.map((f) => (f === "" ? null : f));
      if (!isBlank(cells)) out.push({ row: rowNo, cells });
    }
    return out;
  };
  for await (const text of decodeText(chunks)) {
    parser ??= new CsvParser(guessDelimiter(text.slice(0, 64 * 1024)));
    const rows = rowsOf(parser.push(text));
    if (rows.length > 0) yield rows;
  }
  const rest = parser ? rowsOf(parser.end()) : [];
  if (rest.length > 0) yield rest;
}

/**
 * Opens an uploaded .xlsx/.csv, finds its header and maps columns to `opts.columns`.
 * Resolves once the header is known (only the first rows are read); `rows` then streams
 * the rest. Fails with FILE_UNREADABLE / FILE_TOO_LARGE AppErrors in Chinese.
 */
export async function openTable(input: TableInput, opts: OpenTableOptions): Promise<OpenedTable> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const scan = opts.headerScanRows ?? DEFAULT_HEADER_SCAN;
  const source = await openByteSource(input, maxBytes);
  let cleanup = async () => {};
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    source.close();
    await cleanup();
  };
  let raw: AsyncGenerator<RawRow[]>;
  let format: "xlsx" | "csv";
  // Filled by the .xlsx reader as the worksheet inflates; a .csv is measured at the source.
  const sheetMeter: ReadProgress = { bytes: 0 };
  try {
    format = sniffFormat(opts.filename, source.head);
    if (format === "csv") raw = csvRows(source.chunks());
    else {
      let zip: { path: string } | { buffer: Buffer };
      if ("stream" in input) {
        const spooled = await spoolToTempFile(source.chunks());
        cleanup = spooled.cleanup;
        zip = { path: spooled.path };
      } else {
        source.close();
        zip = input;
      }
      raw = readXlsxRows(zip, {
        maxSharedStringChars: Math.max(maxBytes * 20, 64e6),
        meter: sheetMeter,
      });
    }
  } catch (e) {
    await dispose();
    throw e;
  }

  // Buffer the scan window (+1 row for a two-row header) to find the header: the batches
  // that hold it, so `head` may run on past it.
  const head: RawRow[] = [];
  try {
    while (head.length < scan + 1) {
      const r = await raw.next();
      if (r.done) break;
      for (const row of r.value) head.push(row);
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  let found: FoundHeader;
  try {
    const f = findHeader(head.slice(0, scan + 1), opts.columns);
    assertUsableHeader(f, opts.columns, scan);
    found = f;
  } catch (e) {
    await raw.return(undefined);
    await dispose();
    throw e;
  }
  const dataStart = found.headerRow + found.headerRows;
  const columns = found.columns;
  const keys = opts.columns.map((c) => c.key);

  const toTableRow = (r: RawRow): TableRow | null => {
    const values: Record<string, Cell> = {};
    for (const k of keys) values[k] = null;
    let any = false;
    for (const c of columns) {
      const v = r.cells[c.index] ?? null;
      if (v === null || (typeof v === "string" && v.trim() === "")) continue;
      values[c.key] = v;
      any = true;
    }
    return any ? { row: r.row, values } : null;
  };

  let count = 0;
  /** The data rows of a batch, mapped; throws once the file passes the row limit. */
  const mapped = (batch: RawRow[]): TableRow[] => {
    const out: TableRow[] = [];
    for (const r of batch) {
      if (r.row < dataStart) continue;
      const t = toTableRow(r);
      if (t) out.push(t);
    }
    count += out.length;
    if (count > maxRows) {
      throw new AppError("FILE_UNREADABLE", {
        reason: `数据超过 ${maxRows} 行的上限，请拆分为多个文件分批导入`,
      });
    }
    return out;
  };

  async function* batches(): AsyncGenerator<TableRow[]> {
    try {
      const first = mapped(head);
      head.length = 0;
      if (first.length > 0) yield first;
      for await (const batch of raw) {
        const rows = mapped(batch);
        if (rows.length > 0) yield rows;
      }
    } finally {
      await dispose();
    }
  }

  async function* rows(): AsyncGenerator<TableRow> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    format,
    headerRow: found.headerRow,
    headerRows: found.headerRows,
    columns,
    ignored: found.ignored,
    rows: { [Symbol.asyncIterator]: rows },
    batches: { [Symbol.asyncIterator]: batches },
    close: async () => {
      await raw.return(undefined);
      await dispose();
    },
    progress: () =>
      format === "csv"
        ? { bytes: source.bytesRead(), totalBytes: source.totalBytes }
        : { ...sheetMeter },
  };
}
