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
 * Metrics resolved by id prefix instead of one by one: "targets.completion.<code>" names a
 * metric per indicator, and indicators live in the database. `resolve` is synchronous and
 * must not touch the database (only `compute` does); it returns null for a suffix that
 * names no member.
 */
export interface MetricFamily {
  /** Id prefix ending in a dot, e.g. "targets.completion.". */
  readonly prefix: string;
  resolve(suffix: string, registry: MetricRegistry): MetricDef | null;
}

/**
 * The one place numbers come from. The application builds one registry at startup from every
 * module's metric list; tests build their own. Registration order does not matter.
 */
export class MetricRegistry {
  readonly #defs = new Map<string, MetricDef>();
  readonly #families: MetricFamily[] = [];

  /** Adds metrics; a duplicate id is a programming error and throws immediately. */
  registerMetrics(defs: readonly MetricDef[]): this {
    for (const def of defs) {
      if (this.#defs.has(def.id)) throw new Error(`Metric "${def.id}" is registered twice`);
      this.#defs.set(def.id, def);
    }
    return this;
  }

  /** Adds metric families; a prefix overlapping another family's is a programming error. */
  registerFamilies(families: readonly MetricFamily[]): this {
    for (const f of families) {
      if (!f.prefix.endsWith(".")) throw new Error(`Family prefix "${f.prefix}" must end in "."`);
      const clash = this.#families.find(
        (g) => g.prefix.startsWith(f.prefix) || f.prefix.startsWith(g.prefix),
      );
      if (clash) throw new Error(`Family "${f.prefix}" overlaps "${clash.prefix}"`);
      this.#families.push(f);
    }
    return this;
  }

  /** Family prefixes, sorted. */
  listFamilies(): string[] {
    return this.#families.map((f) => f.prefix).sort();
  }

  #lookup(id: string): MetricDef | undefined {
    const def = this.#defs.get(id);
    if (def) return def;
    for (const f of this.#families) {
      if (!id.startsWith(f.prefix) || id.length === f.prefix.length) continue;
      const member = f.resolve(id.slice(f.prefix.length), this);
      if (member) return member;
    }
    return undefined;
  }

  hasMetric(id: string): boolean {
    return this.#lookup(id) !== undefined;
  }

  /** Throws AppError NOT_FOUND (指标) for an unknown id. */
  getMetric(id: string): MetricDef {
    const def = this.#lookup(id);
    if (!def) throw new AppError("NOT_FOUND", { entity: "指标" });
    return def;
  }

  /** All individually registered metrics, sorted by id (family members are not listed). */
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

export function createMetricRegistry(
  defs: readonly MetricDef[] = [],
  families: readonly MetricFamily[] = [],
): MetricRegistry {
  return new MetricRegistry().registerMetrics(defs).registerFamilies(families);
}
