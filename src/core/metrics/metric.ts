import type { Conn, Region } from "../db/schema.ts";

/**
 * Where and when a metric is measured: a region subtree (by stored path) and an inclusive
 * date range. A flow metric counts events from..to; a stock metric is measured at `to`.
 */
export interface MetricScope {
  regionId: number;
  /** Materialised path of the region, e.g. "/1/3/17/"; the subtree is every path under it. */
  regionPath: string;
  regionName: string;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', inclusive; the "at" date of a stock metric. */
  to: string;
}

/** flow: events in the period (additive over time); stock: state at `to`; ratio: neither. */
export type MetricKind = "flow" | "stock" | "ratio";

export interface MetricDef {
  /** Dotted lowercase id, e.g. "patents.applications.invention". */
  readonly id: string;
  /** Chinese label, e.g. "发明专利申请量". */
  readonly label: string;
  /**
   * Unit the value is expressed in: a counter word ("件", "项", "人次"), "元" or "万元" for
   * money, "%" for a fraction shown as a percentage (value 0.903 is 90.3%).
   */
  readonly unit: string;
  readonly kind: MetricKind;
  /** Chinese definition shown to users next to the figure: what is counted, as of when. */
  readonly description: string;
  compute(db: Conn, scope: MetricScope): Promise<number>;
}

const ID_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Declares a metric; checks the id shape so typos fail at startup, not in a report. */
export function defineMetric(def: MetricDef): MetricDef {
  if (!ID_RE.test(def.id)) {
    throw new Error(`Metric id "${def.id}" must be dotted lowercase, e.g. "patents.applications"`);
  }
  if (!def.label.trim() || !def.unit.trim()) {
    throw new Error(`Metric "${def.id}" needs a label and a unit`);
  }
  return Object.freeze({ ...def });
}

/** Builds a metric scope from a region row and a period. */
export function metricScope(
  region: Pick<Region, "id" | "path" | "name">,
  period: { from: string; to: string },
): MetricScope {
  return {
    regionId: region.id,
    regionPath: region.path,
    regionName: region.name,
    from: period.from,
    to: period.to,
  };
}

/** Stable text key for caching and comparing scopes. */
export function scopeKey(scope: MetricScope): string {
  return `${scope.regionPath}|${scope.from}|${scope.to}`;
}
