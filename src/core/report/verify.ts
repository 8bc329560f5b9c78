import type { Conn } from "../db/schema.ts";
import { growthRate } from "../metrics/format.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import { type NumberRun, numberRuns, type ReportDocument } from "./model.ts";

export interface NumberRunMismatch {
  run: NumberRun;
  /** The recomputed value, or null when the metric no longer exists or failed. */
  actual: number | null;
  error?: string;
}

export interface NumberRunCheck {
  checked: number;
  mismatches: NumberRunMismatch[];
}

function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Recomputes every number run of a document from its metric and scope and lists those that
 * differ: the proof that the report invents no figure. Used by tests and before export.
 */
export async function verifyNumberRuns(
  db: Conn,
  doc: ReportDocument,
  registry: MetricRegistry,
): Promise<NumberRunCheck> {
  const runs = numberRuns(doc);
  const mismatches: NumberRunMismatch[] = [];
  for (const run of runs) {
    try {
      const { value } = await registry.evaluate(db, run.metric, run.scope);
      const actual = run.base
        ? growthRate(value, (await registry.evaluate(db, run.metric, run.base)).value)
        : value;
      if (actual === null || !same(actual, run.value)) mismatches.push({ run, actual });
    } catch (err) {
      mismatches.push({
        run,
        actual: null,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return { checked: runs.length, mismatches };
}
