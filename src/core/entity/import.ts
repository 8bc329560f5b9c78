import type { z } from "zod";
import { AppError, type RowIssue } from "../errors.ts";
import { openTable } from "../excel/index.ts";
import type { ColumnSpec, ReadProgress, TableInput } from "../excel/types.ts";
import { coerceCell } from "./cells.ts";
import { type EntityDef, excelHeaders } from "./define.ts";
import { KeySet } from "./key-set.ts";
import { fieldIssues } from "./validation.ts";

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** The Excel columns an entity accepts, from its declaration. */
export function importColumns(def: EntityDef): ColumnSpec[] {
  return (
    Object.entries(def.fields)
      .filter(([key, f]) => excelHeaders(key, f).length > 0)
      // A region column may be left out of a file: rows then belong to the importer's region.
      .map(([key, f]) => ({
        key,
        headers: [...excelHeaders(key, f)],
        required: (f.required ?? false) && f.type !== "region",
      }))
  );
}

type ResolveIssue = { key: string; message: string };

export interface RowParser<T> {
  def: EntityDef;
  schema: z.ZodType<T>;
  /** Resolves module-specific cells (regions, units) in place; returns issues per field key. */
  resolve?: (input: Record<string, unknown>) => ResolveIssue[] | Promise<ResolveIssue[]>;
  /** Natural key of a parsed row; duplicate keys inside one file are errors. */
  naturalKey: (value: T) => string;
  /**
   * The natural key as an exact non-negative integer, where it has one: a list of millions
   * of rows then remembers its keys in typed arrays (see KeySet), keeping memory flat.
   */
  keyNumber?: (value: T) => number;
}

const MAX_REPORTED = 1000;
const PROGRESS_MS = 250;

/** Rows read so far (good and bad), and bytes read where the reader can tell (see ReadProgress). */
export interface ImportProgress extends Partial<ReadProgress> {
  rows: number;
}

export interface StreamImportOptions {
  filename: string;
  maxBytes?: number;
  maxRows?: number;
  batchSize?: number;
  /** Called with each batch, else at most every ~250 ms while rows are read, and once at the end. */
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Reads and validates every row of an uploaded table, streaming: valid rows are handed to
 * `onBatch` in batches while the file is still being read, as long as no bad row has been
 * seen. Once one is, writing stops but reading goes on, so every bad row is reported (row
 * number, column, reason) before IMPORT_INVALID is thrown. The caller runs this inside one
 * transaction, so a throw leaves nothing written: the import stays all-or-nothing while
 * memory holds one batch, not the file.
 */
export async function streamImport<T>(
  input: TableInput,
  opts: StreamImportOptions,
  parser: RowParser<T>,
  onBatch: (values: T[]) => Promise<void>,
): Promise<{ total: number }> {
  const { def } = parser;
  const batchSize = opts.batchSize ?? 1000;
  const table = await openTable(input, { ...opts, columns: importColumns(def) });
  const headerOf = new Map(table.columns.map((c) => [c.key, c.header]));
  // Only the columns the file has can hold a value: the others are null in every row.
  const present = [...headerOf.keys()].flatMap((key) => {
    const field = def.fields[key];
    return field ? [{ key, field }] : [];
  });
  const column = (key: string) => headerOf.get(key) ?? def.fields[key]?.label ?? key;
  const issues: RowIssue[] = [];
  let issueCount = 0;
  const report = (i: RowIssue) => {
    issueCount += 1;
    if (issues.length < MAX_REPORTED) issues.push(i);
  };
  let batch: T[] = [];
  // One batch is written while the next is read and checked: the database and the parser
  // work at the same time, and memory holds at most two batches. Writes stay in order.
  let writing = null as Promise<void> | null;
  const flush = async () => {
    const values = batch;
    batch = [];
    if (issueCount > 0 || values.length === 0) return;
    if (writing) await writing;
    writing = onBatch(values);
    // Observed here so a failed write is not reported as unhandled before it is awaited.
    writing.catch(() => {});
  };
  const seen = new KeySet();
  let total = 0;
  const { onProgress } = opts;
  let reportedAt = Date.now();
  const progress = () => {
    reportedAt = Date.now();
    onProgress?.({ rows: total, ...table.progress() });
  };
  // Columns of the current row already reported: a row whose cells cannot all be read is
  // still checked against the schema, so one round of corrections fixes every field, but each
  // column is reported once (its first problem).
  let failed: Set<string> | null = null;
  let current = 0;
  const fail = (key: string, message: string) => {
    const col = column(key);
    if (failed?.has(col)) return;
    report({ row: current, column: col, message });
    failed ??= new Set();
    failed.add(col);
  };
  try {
    for await (const rows of table.batches) {
      for (const { row, values: cells } of rows) {
        total += 1;
        // The clock is read every 256 rows only: a million-row list stays cheap to watch.
        if (onProgress && (total & 255) === 0 && Date.now() - reportedAt >= PROGRESS_MS) progress();
        const input: Record<string, unknown> = {};
        failed = null;
        current = row;
        for (const { key, field } of present) {
          const cell = cells[key] ?? null;
          if (cell === null) continue;
          const c = coerceCell(field, cell);
          if (c.ok) {
            if (c.value !== undefined) input[key] = c.value;
          } else fail(key, c.message);
        }
        // Most resolvers are synchronous: an await per row would cost a turn of the queue.
        const pending = parser.resolve?.(input);
        const resolved = (pending instanceof Promise ? await pending : pending) ?? [];
        for (const r of resolved) fail(r.key, r.message);
        // What a resolver refuses stays unresolved: the schema would only say it again.
        if (resolved.length > 0) continue;
        const parsed = parser.schema.safeParse(input);
        if (!parsed.success || failed !== null) {
          if (!parsed.success)
            for (const f of fieldIssues(parsed.error, def))
              fail(f.field.split(".")[0] ?? f.field, f.message);
          continue;
        }
        const key = parser.keyNumber?.(parsed.data) ?? parser.naturalKey(parsed.data);
        const first = seen.firstRow(key, row);
        if (first !== undefined) {
          report({ row, column: "", message: `与第 ${first} 行重复` });
          continue;
        }
        if (issueCount > 0) continue;
        batch.push(parsed.data);
        if (batch.length >= batchSize) {
          if (onProgress) progress();
          await flush();
        }
      }
    }
    if (onProgress) progress();
    await flush();
  } catch (err) {
    // The transaction must not roll back under a write still in flight.
    await writing?.catch(() => {});
    throw err;
  }
  if (issueCount > 0) {
    // Bad rows are the first thing to fix, even when a write before them failed too.
    await writing?.catch(() => {});
    throw new AppError("IMPORT_INVALID", { rows: issues, total });
  }
  if (writing) await writing;
  if (total === 0) throw new AppError("FILE_UNREADABLE", { reason: "表格中没有数据行" });
  return { total };
}

/**
 * Reads and validates every row of an uploaded table before anything is written: the
 * caller writes the returned values in one transaction, so an import is all-or-nothing.
 * Every bad row is reported with its row number, column and reason.
 */
export async function readImport<T>(
  input: TableInput,
  opts: { filename: string; maxBytes?: number; maxRows?: number },
  parser: RowParser<T>,
): Promise<{ values: T[]; total: number }> {
  const values: T[] = [];
  const { total } = await streamImport(
    input,
    { ...opts, batchSize: Number.POSITIVE_INFINITY },
    parser,
    async (batch) => {
      for (const v of batch) values.push(v);
    },
  );
  return { values, total };
}
