/**
 * Excel/CSV file I/O for imports and exports — pure streaming file handling, no database.
 *
 * Reading: `openTable(input, { filename, columns })` accepts .xlsx (Excel or WPS, first
 * visible worksheet; zip opened by its central directory, sheet XML streamed through our
 * own SAX row parser — see xlsx-internals.ts for why not exceljs's reader) or .csv (UTF-8
 * with/without BOM, GB18030/GBK, UTF-16; one stateful decoder, fatal on bad bytes). It finds
 * the header row in the first 20 rows (title rows above it and two-row merged headers are
 * fine), maps columns by header name/alias in any order, and streams `{ row, values }`.
 * Bad files fail early with Chinese FILE_UNREADABLE / FILE_TOO_LARGE AppErrors.
 *
 * Writing: `writeXlsx` (exceljs WorkbookWriter) / `writeCsv` stream exports; text goes through
 * `neutraliseFormula` (OWASP CSV injection), numbers and dates keep their types.
 */
export { type CsvWriteOptions, writeCsv } from "./csv-write.ts";
export type { ExportColumn, ExportRows, ExportSheet } from "./export-value.ts";
export { normaliseHeader } from "./header.ts";
export { DEFAULT_MAX_BYTES } from "./input.ts";
export { neutraliseFormula, restoreNeutralised } from "./neutralise.ts";
export { DEFAULT_MAX_ROWS, openTable } from "./open-table.ts";
export type {
  Cell,
  ColumnSpec,
  MappedColumn,
  OpenedTable,
  OpenTableOptions,
  ReadProgress,
  TableInput,
  TableRow,
} from "./types.ts";
export { writeXlsx } from "./xlsx-write.ts";
