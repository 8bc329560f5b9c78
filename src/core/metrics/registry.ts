import type { Conn } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { MetricDef, MetricKind, MetricScope } from "./metric.ts";
import { parseIsoDate } from "./period.ts";

export interface MetricValue {
  id: string;
  label: string;
  unit: string;
  kind: MetricKind;
  value: number;
  scope: MetricScope;
}

function checkScope(scope: MetricScope): void {
  const fields = [];
  if (!parseIsoDate(scope.from))
    fields.push({ field: "from", label: "开始日期", message: "日期无效" });
  if (!parseIsoDate(scope.to)) fields.push({ field: "to", label: "结束日期", message: "日期无效" });
  if (fields.length === 0 && scope.from > scope.to) {
    fields.push({ field: "to", label: "结束日期", message: "不能早于开始日期" });
  }
  if (!scope.regionPath.startsWith("/") || !scope.regionPath.endsWith("/")) {
    fields.push({ field: "regionPath", label: "地区", message: "地区路径无效" });
  }
  if (fields.length > 0) throw new AppError("VALIDATION", { fields });
}

/**
 * The one place numbers come from. The application builds one registry at startup from every
 * module's metric list; tests build their own. Registration order does not matter.
 */
export class MetricRegistry {
  readonly #defs = new Map<string, MetricDef>();

  /** Adds metrics; a duplicate id is a programming error and throws immediately. */
  registerMetrics(defs: readonly MetricDef[]): this {
    for (const def of defs) {
      if (this.#defs.has(def.id)) throw new Error(`Metric "${def.id}" is registered twice`);
      this.#defs.set(def.id, def);
    }
    return this;
  }

  hasMetric(id: string): boolean {
    return this.#defs.has(id);
  }

  /** Throws AppError NOT_FOUND (指标) for an unknown id. */
  getMetric(id: string): MetricDef {
    const def = this.#defs.get(id);
    if (!def) throw new AppError("NOT_FOUND", { entity: "指标" });
    return def;
  }

  /** All metrics, sorted by id. */
  listMetrics(): MetricDef[] {
    return [...this.#defs.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async evaluate(db: Conn, id: string, scope: MetricScope): Promise<MetricValue> {
    const def = this.getMetric(id);
    checkScope(scope);
    const value = await def.compute(db, scope);
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`Metric "${id}" computed a non-finite value: ${String(value)}`);
    }
    return { id, label: def.label, unit: def.unit, kind: def.kind, value, scope: { ...scope } };
  }

  /**
   * Evaluates several metrics for one scope, results in the order of `ids`. Unknown ids fail
   * before any query runs. A few run at a time: a transaction serialises them anyway, a pool
   * gains a little.
   */
  async evaluateMany(
    db: Conn,
    ids: readonly string[],
    scope: MetricScope,
    concurrency = 4,
  ): Promise<MetricValue[]> {
    for (const id of ids) this.getMetric(id);
    const out: MetricValue[] = new Array(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i];
        if (id !== undefined) out[i] = await this.evaluate(db, id, scope);
      }
    };
    const n = Math.max(1, Math.min(concurrency, ids.length));
    await Promise.all(Array.from({ length: n }, worker));
    return out;
  }
}

export function createMetricRegistry(defs: readonly MetricDef[] = []): MetricRegistry {
  return new MetricRegistry().registerMetrics(defs);
}
