import { AppError } from "../errors.ts";

/**
 * The keguan backup format (version 1), a gzip file of UTF-8 JSON lines:
 *
 *   {"format":"keguan-backup","version":1,...}     header (BackupHeader)
 *   {"table":"regions","rows":2}                    start of a table, in FK-dependency order
 *   [1,null,"33","浙江省",...]                       one row: values in header column order
 *   ...
 *   {"end":true,"tables":6,"rows":1234}             trailer; a file without it is incomplete
 *
 * Values are what PostgreSQL's to_json() prints (numbers keep every digit, timestamptz is
 * ISO 8601 with offset, dates "YYYY-MM-DD"), except columns marked `text` in the header
 * (json/jsonb, floats, arrays, composites), which hold the value's text form. Restore casts
 * every value from text to the column type on the server, so it never passes through JS
 * numbers.
 */

export const FORMAT = "keguan-backup";
export const VERSION = 1;

export interface BackupColumn {
  name: string;
  type: string;
  /** The value is stored as its PostgreSQL text form (a JSON string). */
  text?: true;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  rowCount: number;
}

export interface BackupSequence {
  name: string;
  /** Last value handed out; null when the sequence was never used. */
  value: string | null;
}

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  /** Migrations applied to the source database, in order. */
  migrations: string[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface TableStart {
  table: string;
  rows: number;
}

export interface Trailer {
  end: true;
  tables: number;
  rows: number;
}

export function unreadable(reason: string): AppError<"FILE_UNREADABLE"> {
  return new AppError("FILE_UNREADABLE", { reason });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

function parseLine(line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw unreadable(`备份文件已损坏（${what}不是有效的 JSON）`);
  }
}

export function parseHeader(line: string | null): BackupHeader {
  if (line === null) throw unreadable("备份文件是空的");
  const h = parseLine(line, "文件头");
  if (!isRecord(h) || h.format !== FORMAT) throw unreadable("这不是 keguan 备份文件");
  if (typeof h.version !== "number" || h.version > VERSION) {
    throw unreadable(`备份文件格式版本 ${String(h.version)} 过新，请升级 keguan 后再恢复`);
  }
  const tablesOk =
    Array.isArray(h.tables) &&
    h.tables.every(
      (t) =>
        isRecord(t) &&
        typeof t.name === "string" &&
        typeof t.rowCount === "number" &&
        isStringArray(t.primaryKey) &&
        Array.isArray(t.columns) &&
        t.columns.every(
          (c) => isRecord(c) && typeof c.name === "string" && typeof c.type === "string",
        ),
    );
  const sequencesOk =
    Array.isArray(h.sequences) &&
    h.sequences.every(
      (s) =>
        isRecord(s) &&
        typeof s.name === "string" &&
        (s.value === null || typeof s.value === "string"),
    );
  if (
    !isStringArray(h.migrations) ||
    !tablesOk ||
    !sequencesOk ||
    typeof h.createdAt !== "string"
  ) {
    throw unreadable("备份文件头不完整");
  }
  return h as unknown as BackupHeader;
}

/** A control line (table start or trailer); row lines start with "[" and never get here. */
export function parseControl(line: string): TableStart | Trailer {
  const c = parseLine(line, "分段标记");
  if (isRecord(c) && c.end === true && typeof c.tables === "number" && typeof c.rows === "number") {
    return { end: true, tables: c.tables, rows: c.rows };
  }
  if (isRecord(c) && typeof c.table === "string" && typeof c.rows === "number") {
    return { table: c.table, rows: c.rows };
  }
  throw unreadable("备份文件已损坏（无法识别的分段标记）");
}
