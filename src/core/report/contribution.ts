import type { Conn } from "../db/schema.ts";
import {
  formatDateCn,
  formatGrowthRate,
  formatMetricValue,
  growthRate,
} from "../metrics/format.ts";
import { type MetricDef, type MetricScope, scopeKey } from "../metrics/metric.ts";
import { type Period, samePeriodLastYear } from "../metrics/period.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import type { Block, DateRun, NameRun, NumberRun, ParagraphBlock, Run } from "./model.ts";

/** A module's part of the report: one （一） section under 主要工作开展情况. */
export interface Section {
  /** Stable key, usually the contributor id; block keys are prefixed with it. */
  key: string;
  /**
   * Heading text without its number, e.g. "强化服务，认真做好科技项目工作". Outside the work
   * part an empty heading puts the blocks directly under the part's heading.
   */
  heading: string;
  /** Body blocks; headings inside use levels 3 (1.) and 4 （1）. */
  blocks: Block[];
}

/**
 * The top-level part of the summary a contributor writes into: 一、主要工作开展情况 (work,
 * the default), 二、目标任务完成情况 (targets), 三、存在的问题 (problems), 四、下一步工作打算 (plans).
 */
export type ReportPart = "work" | "targets" | "problems" | "plans";

export interface ReportContributor {
  id: string;
  /** Defaults to "work". */
  part?: ReportPart;
  /** Position among sections, ascending. */
  order: number;
  /** What the section is about, for settings screens ("科技项目"). */
  title: string;
  /** Returns null (or no blocks) when the period holds nothing to say: the section is left out. */
  contribute(ctx: ReportContext): Promise<Section | null>;
}

/** A metric placeholder in a sentence template; see `m`. */
export interface MetricPiece {
  kind: "metric";
  id: string;
  /** Another scope (e.g. last year's period); defaults to the report scope. */
  scope?: MetricScope;
  /** Custom wording of the value; defaults to formatting by the metric's unit. */
  format?: (value: number, def: MetricDef) => string;
}

/** A 同比 placeholder; see `g`. */
export interface GrowthPiece {
  kind: "growth";
  id: string;
  /** The period compared against; defaults to the same period last year. */
  base?: MetricScope;
  /** Text printed before the figure only when a rate can be stated, e.g. "，". */
  lead?: string;
}

/** What a sentence template may interpolate. Deliberately no `number`: figures come from m(). */
export type Piece = string | MetricPiece | GrowthPiece | Run;

type Tag<T> = (strings: TemplateStringsArray, ...pieces: Piece[]) => Promise<T>;

export interface ReportContext {
  db: Conn;
  registry: MetricRegistry;
  scope: MetricScope;
  period: Period;
  /** A metric's value for the report scope (or `scope`); cached per metric and scope. */
  value(id: string, scope?: MetricScope): Promise<number>;
  /** A single traced number run. */
  number(id: string, opts?: Omit<MetricPiece, "kind" | "id">): Promise<NumberRun>;
  /** A traced 同比 run, or null when last year's value is zero. */
  growth(id: string, base?: MetricScope): Promise<NumberRun | null>;
  /** Runs from a sentence template: await ctx.runs`全县共有单位${m("units.count")}`. */
  runs: Tag<Run[]>;
  /** A paragraph block: await ctx.para("summary")`今年${ctx.period.span}，…${m("x.y")}…`. */
  para(key: string): Tag<ParagraphBlock>;
  /** The report scope moved to another period of the same region (for 同比). */
  scopeFor(period: { from: string; to: string }): MetricScope;
}

/** Placeholder for a metric value in a template; evaluated and traced when the template runs. */
export function m(id: string, opts: Omit<MetricPiece, "kind" | "id"> = {}): MetricPiece {
  return { kind: "metric", id, ...opts };
}

/**
 * Placeholder for the 同比 change of a metric: "同比增长12.5%", "同比下降3.0%" or
 * "与去年同期持平". When last year's value is zero no rate exists, and the piece (with its
 * `lead`) prints nothing: write `${m("x")}${g("x", { lead: "，" })}。`.
 */
export function g(id: string, opts: Omit<GrowthPiece, "kind" | "id"> = {}): GrowthPiece {
  return { kind: "growth", id, ...opts };
}

/** A named record in a sentence. */
export function name(text: string, ref: NameRun["ref"]): NameRun {
  return { t: "name", text, ref };
}

/** A date in a sentence: "3月10日" (or with the year). */
export function date(iso: string, withYear = false): DateRun {
  return { t: "date", date: iso, text: formatDateCn(iso, withYear) };
}

function isMetricPiece(p: Piece): p is MetricPiece {
  return typeof p === "object" && "kind" in p && p.kind === "metric";
}

function isGrowthPiece(p: Piece): p is GrowthPiece {
  return typeof p === "object" && "kind" in p && p.kind === "growth";
}

/** Joins adjacent text runs and drops empty ones, so stored documents stay compact. */
function compact(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (run.t === "text" && run.text === "") continue;
    if (run.t === "text" && last?.t === "text")
      out[out.length - 1] = { t: "text", text: last.text + run.text };
    else out.push(run);
  }
  return out;
}

export function createReportContext(args: {
  db: Conn;
  registry: MetricRegistry;
  scope: MetricScope;
  period: Period;
}): ReportContext {
  const { db, registry, scope, period } = args;
  const cache = new Map<string, Promise<number>>();
  const scopeFor = (p: { from: string; to: string }): MetricScope => ({
    ...scope,
    from: p.from,
    to: p.to,
  });

  const value = (id: string, at: MetricScope = scope): Promise<number> => {
    const key = `${id}|${scopeKey(at)}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = registry.evaluate(db, id, at).then((v) => v.value);
      cache.set(key, hit);
      // A failed evaluation must not poison later attempts.
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };

  const number = async (id: string, opts: Omit<MetricPiece, "kind" | "id"> = {}) => {
    const def = registry.getMetric(id);
    const at = opts.scope ?? scope;
    const v = await value(id, at);
    const text = opts.format ? opts.format(v, def) : formatMetricValue(v, def.unit);
    const run: NumberRun = { t: "number", value: v, text, metric: id, scope: { ...at } };
    return run;
  };

  const growth = async (id: string, base?: MetricScope): Promise<NumberRun | null> => {
    registry.getMetric(id);
    const from = base ?? scopeFor(samePeriodLastYear(scope));
    const rate = growthRate(await value(id, scope), await value(id, from));
    if (rate === null) return null;
    const text = formatGrowthRate(rate);
    return { t: "number", value: rate, text, metric: id, scope: { ...scope }, base: { ...from } };
  };

  const runs: Tag<Run[]> = async (strings, ...pieces) => {
    const out: Run[] = [];
    for (let i = 0; i < strings.length; i++) {
      out.push({ t: "text", text: strings[i] ?? "" });
      if (i >= pieces.length) continue;
      const piece: unknown = pieces[i];
      if (typeof piece === "string") out.push({ t: "text", text: piece });
      else if (typeof piece === "number") {
        throw new Error(`Report template got a bare number (${piece}); use m("metric.id")`);
      } else if (isMetricPiece(piece as Piece)) {
        const mp = piece as MetricPiece;
        out.push(await number(mp.id, mp));
      } else if (isGrowthPiece(piece as Piece)) {
        const gp = piece as GrowthPiece;
        const run = await growth(gp.id, gp.base);
        if (run) out.push({ t: "text", text: gp.lead ?? "" }, run);
      } else out.push(piece as Run);
    }
    return compact(out);
  };

  return {
    db,
    registry,
    scope,
    period,
    value,
    number,
    growth,
    runs,
    para:
      (key) =>
      async (strings, ...pieces) => ({
        type: "paragraph",
        key,
        runs: await runs(strings, ...pieces),
      }),
    scopeFor,
  };
}
