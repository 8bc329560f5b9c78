import { AppError, isAppError } from "../errors.ts";
import type { Cell, RawRow, ReadProgress } from "./types.ts";
import { cellValue, columnIndex, makeContext, type SheetContext } from "./xlsx-cells.ts";
import { directEntry, unzipper, type ZipEntry } from "./xlsx-internals.ts";
import { readRels, readSharedStrings, readStyles, readWorkbook } from "./xlsx-parts.ts";
import { saxesSheetRows } from "./xlsx-saxes.ts";
import { scanXml, type XmlAttrs, type XmlSink, XmlVersionError } from "./xlsx-scan.ts";
import { readZipDirectory } from "./zip-directory.ts";

/** The entry's inflated chunks, unchanged, tallied into `meter` as they pass. */
async function* metered(entry: ZipEntry, meter: ReadProgress): AsyncGenerator<unknown> {
  if (entry.uncompressedSize > 0) meter.totalBytes = entry.uncompressedSize;
  for await (const chunk of entry.stream()) {
    if (chunk instanceof Uint8Array || typeof chunk === "string") meter.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * The worksheet state machine: the same element handling the saxes-based reader had
 * (row/c/v/t/rPh by name, wherever they nest), fed by the fast scanner.
 */
class SheetSink implements XmlSink {
  rows: RawRow[] = [];
  collecting = false;
  private rowNo = 0;
  private cells: Cell[] = [];
  private hasValue = false;
  private col = 0;
  private t = "n";
  private s = 0;
  private v = "";
  private inline = "";
  private inV = false;
  private inT = false;
  private inRph = false;

  constructor(private readonly ctx: SheetContext) {}

  open(name: string, tag: XmlAttrs): void {
    switch (name) {
      case "row": {
        const r = Number.parseInt(tag.attr("r") ?? "", 10);
        this.rowNo = Number.isFinite(r) ? r : this.rowNo + 1;
        this.cells = [];
        this.hasValue = false;
        this.col = 0;
        break;
      }
      case "c": {
        const ci = columnIndex(tag.attr("r"));
        this.col = ci >= 0 ? ci : this.col;
        this.t = tag.attr("t") ?? "n";
        this.s = Number.parseInt(tag.attr("s") ?? "0", 10) || 0;
        this.v = "";
        this.inline = "";
        break;
      }
      case "v":
        this.inV = true;
        break;
      case "t":
        this.inT = true;
        break;
      case "rPh":
        this.inRph = true;
        break;
      default:
        return;
    }
    this.collecting = this.inV || (this.inT && !this.inRph);
  }

  close(name: string): void {
    switch (name) {
      case "v":
        this.inV = false;
        break;
      case "t":
        this.inT = false;
        break;
      case "rPh":
        this.inRph = false;
        break;
      case "c": {
        const value = cellValue(this.t, this.v, this.inline, this.s, this.ctx);
        if (value !== null) {
          this.cells[this.col] = value;
          this.hasValue = true;
        }
        this.col++;
        return;
      }
      case "row":
        if (this.hasValue) this.rows.push({ row: this.rowNo, cells: this.cells });
        return;
      default:
        return;
    }
    this.collecting = this.inV || (this.inT && !this.inRph);
  }

  text(s: string): void {
    if (this.inV) this.v += s;
    else this.inline += s;
  }
}

/**
 * Streams the rows of one worksheet's XML; only rows with at least one value are yielded.
 * Rows come in batches, one per inflated chunk, after the whole chunk scanned without
 * error (a step of an async generator per row cost more than reading the row's cells).
 */
export async function* sheetRows(
  entry: ZipEntry,
  ctx: SheetContext,
  meter: ReadProgress,
): AsyncGenerator<RawRow[]> {
  const sink = new SheetSink(ctx);
  const drain = () => {
    const rows = sink.rows;
    sink.rows = [];
    return rows;
  };
  let yielded = false;
  try {
    for await (const rows of scanXml(metered(entry, meter), sink, drain)) {
      yielded = true;
      yield rows;
    }
  } catch (e) {
    // The version is declared before any row, so nothing has been yielded yet.
    if (!(e instanceof XmlVersionError) || yielded) throw e;
    meter.bytes = 0;
    for await (const row of saxesSheetRows(metered(entry, meter), ctx)) yield [row];
  }
}

export function corruptXlsx(): AppError {
  return new AppError("FILE_UNREADABLE", {
    reason: "文件已损坏或不是有效的 .xlsx 表格，请在 Excel 或 WPS 中打开后重新另存为 .xlsx",
  });
}

/**
 * Rows of the first visible worksheet, in batches (see sheetRows). The zip is opened by its central directory, so
 * workbook, styles and shared strings are read before the sheet is streamed, whatever
 * order the writer put them in; only the sheet's rows are streamed, never held.
 */
export async function* readXlsxRows(
  zip: { path: string } | { buffer: Buffer },
  opts: { maxSharedStringChars: number; meter?: ReadProgress },
): AsyncGenerator<RawRow[]> {
  try {
    const dir =
      (await readZipDirectory(zip)) ??
      (await ("path" in zip ? unzipper().Open.file(zip.path) : unzipper().Open.buffer(zip.buffer)));
    const byPath = new Map(dir.files.map((f) => [f.path.replace(/^\//, "").toLowerCase(), f]));
    const rels = await readRels(byPath.get("xl/_rels/workbook.xml.rels"));
    const relOfType = (suffix: string) =>
      [...rels.values()].find((r) => r.type.endsWith(`/${suffix}`))?.target;
    const workbook = await readWorkbook(byPath.get("xl/workbook.xml"));
    const styles = await readStyles(byPath.get(relOfType("styles") ?? "xl/styles.xml"));
    const sst = byPath.get(relOfType("sharedStrings") ?? "xl/sharedstrings.xml");
    const shared = await readSharedStrings(
      sst && (await directEntry(sst, zip)),
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
    const ctx = makeContext(shared, workbook.date1904, styles);
    yield* sheetRows(await directEntry(sheet, zip), ctx, meter);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw corruptXlsx();
  }
}
