import type { MetricScope } from "../metrics/metric.ts";

/*
 * The report document model: plain JSON (it is stored, diffed and edited), rendered by
 * html.ts and later by the DOCX and XLSX renderers. Every block has a `key` that is stable
 * across regenerations of the same report ("patents.p1"), so an editor can carry human edits
 * over to a fresh draft. Heading numbers (一、 （一） 1. （1）) are never stored: they follow
 * from the heading's position, see numbering.ts.
 */

export interface TextRun {
  t: "text";
  text: string;
}

/**
 * A figure, always produced by evaluating a registered metric: `value` is the raw metric
 * value, `text` its wording ("32件"), and metric + scope the trace that recomputes it.
 * With `base`, the run is a 同比 figure instead: `value` is the growth rate (a fraction) of
 * the metric from `base` to `scope`, and `text` its wording ("同比增长12.5%").
 */
export interface NumberRun {
  t: "number";
  value: number;
  text: string;
  metric: string;
  scope: MetricScope;
  base?: MetricScope;
}

/** A named record (an enterprise, a project) the reader may open. */
export interface NameRun {
  t: "name";
  text: string;
  ref: { entity: string; id: number | string };
}

export interface DateRun {
  t: "date";
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Wording, e.g. "3月10日" or "2026年3月10日". */
  text: string;
}

export type Run = TextRun | NumberRun | NameRun | DateRun;

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface HeadingBlock {
  type: "heading";
  key: string;
  level: HeadingLevel;
  /** The heading text without its number. */
  runs: Run[];
}

export interface ParagraphBlock {
  type: "paragraph";
  key: string;
  runs: Run[];
}

export interface TableCell {
  runs: Run[];
  colSpan?: number;
  rowSpan?: number;
  align?: "left" | "center" | "right";
}

export interface TableBlock {
  type: "table";
  key: string;
  caption?: Run[];
  /** Header rows (several when headers are merged over two lines). */
  header: TableCell[][];
  body: TableCell[][];
  /** Unit note shown above the table, e.g. "单位：件". */
  unitNote?: string;
}

/** Chart data: categories on one axis, each series a list of traced numbers. */
export interface ChartBlock {
  type: "chart";
  key: string;
  /** Id of a chart spec ("bar", "line", "pie", or a module-specific one); rendered later. */
  spec: string;
  title?: string;
  categories: string[];
  series: { name: string; values: NumberRun[] }[];
}

export interface ListBlock {
  type: "list";
  key: string;
  ordered: boolean;
  items: Run[][];
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | ChartBlock | ListBlock;

export interface ReportDocument {
  title: string;
  /** 主送机关, without the trailing colon, e.g. "xx县人民政府". */
  addressee?: string;
  blocks: Block[];
  /** 落款: issuing unit and 'YYYY-MM-DD' date of issue. */
  signature?: { unit: string; date: string };
}

/** Every run of a block, in reading order (chart values included). */
export function blockRuns(block: Block): Run[] {
  switch (block.type) {
    case "heading":
    case "paragraph":
      return block.runs;
    case "list":
      return block.items.flat();
    case "table":
      return [
        ...(block.caption ?? []),
        ...block.header.flat().flatMap((c) => c.runs),
        ...block.body.flat().flatMap((c) => c.runs),
      ];
    case "chart":
      return block.series.flatMap((s) => s.values);
  }
}

/** Every number run of a document, in reading order. */
export function numberRuns(doc: ReportDocument): NumberRun[] {
  return doc.blocks.flatMap(blockRuns).filter((r): r is NumberRun => r.t === "number");
}

/** Plain text of runs, as read. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join("");
}

export function textRun(text: string): TextRun {
  return { t: "text", text };
}
