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

async function* csvRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<RawRow> {
  let parser: CsvParser | null = null;
  let rowNo = 0;
  const emit = function* (records: string[][]): Generator<RawRow> {
    for (const rec of records) {
      rowNo++;
      const cells: Cell[] = rec.map((f) => (f === "" ? null : f));
      if (!isBlank(cells)) yield { row: rowNo, cells };
    }
  };
  for await (const text of decodeText(chunks)) {
    parser ??= new CsvParser(guessDelimiter(text.slice(0, 64 * 1024)));
    yield* emit(parser.push(text));
  }
  if (parser) yield* emit(parser.end());
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
  let raw: AsyncGenerator<RawRow>;
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

  // Buffer the scan window (+1 row for a two-row header) to find the header.
  const head: RawRow[] = [];
  try {
    while (head.length < scan + 1) {
      const r = await raw.next();
      if (r.done) break;
      head.push(r.value);
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

  async function* rows(): AsyncGenerator<TableRow> {
    let count = 0;
    const check = () => {
      if (++count > maxRows) {
        throw new AppError("FILE_UNREADABLE", {
          reason: `数据超过 ${maxRows} 行的上限，请拆分为多个文件分批导入`,
        });
      }
    };
    try {
      for (const r of head) {
        if (r.row < dataStart) continue;
        const t = toTableRow(r);
        if (t) {
          check();
          yield t;
        }
      }
      head.length = 0;
      for await (const r of raw) {
        const t = toTableRow(r);
        if (t) {
          check();
          yield t;
        }
      }
    } finally {
      await dispose();
    }
  }

  return {
    format,
    headerRow: found.headerRow,
    headerRows: found.headerRows,
    columns,
    ignored: found.ignored,
    rows: { [Symbol.asyncIterator]: rows },
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
