import type { Readable } from "node:stream";

/** A normalised cell value: what an import sees, whatever the file format. */
export type Cell = string | number | boolean | Date | null;

/** One expected column of an import. `headers[0]` is the canonical Chinese label. */
export interface ColumnSpec {
  key: string;
  headers: string[];
  required?: boolean;
}

/** A physical row of the sheet or CSV file, before header mapping. */
export interface RawRow {
  /** 1-based row number as Excel shows it (for CSV: the record number). */
  row: number;
  /** Sparse by 0-based column index; absent or null means empty. */
  cells: Cell[];
}

export interface MappedColumn {
  key: string;
  /** The header text as found in the file (two-row headers joined with "/"). */
  header: string;
  /** 0-based column index in the file. */
  index: number;
}

export interface TableRow {
  row: number;
  /** Every spec key is present; columns absent from the file are null. */
  values: Record<string, Cell>;
}

export interface OpenedTable {
  format: "xlsx" | "csv";
  /** 1-based row of the header; for a two-row header, the upper row. */
  headerRow: number;
  /** Rows the header occupies (1 or 2); data starts at headerRow + headerRows. */
  headerRows: 1 | 2;
  columns: MappedColumn[];
  /** Columns whose header matched no spec; their cells are ignored. */
  ignored: { header: string; index: number }[];
  /** Single pass. Blank rows (no value in any mapped column) are skipped. */
  rows: AsyncIterable<TableRow>;
  /**
   * The same rows in the batches the reader produced them in (one per chunk of the file),
   * for callers that go through millions: an async step per batch instead of per row.
   * Single pass, and either this or `rows`, not both.
   */
  batches: AsyncIterable<TableRow[]>;
  /** Releases the input (and temp file) when `rows` is not read to the end. Idempotent. */
  close(): Promise<void>;
  /** How far reading has got, for progress displays; cheap, call as often as you like. */
  progress(): ReadProgress;
}

/**
 * Bytes read so far. For .csv these are the file's bytes (total known for a path or a
 * buffer, not for a stream). For .xlsx they are the worksheet XML's uncompressed bytes,
 * against the size the zip directory declares for it: the sheet is the part read row by
 * row, so that is the measure that tracks rows.
 */
export interface ReadProgress {
  bytes: number;
  totalBytes?: number;
}

export type TableInput = { path: string } | { buffer: Buffer } | { stream: Readable };

export interface OpenTableOptions {
  /** Original file name; its extension decides between .xlsx and .csv. */
  filename: string;
  columns: ColumnSpec[];
  /** Default 50 MB. */
  maxBytes?: number;
  /** Data rows allowed before the read fails. Default 200,000. */
  maxRows?: number;
  /** Rows scanned for the header. Default 20. */
  headerScanRows?: number;
}
