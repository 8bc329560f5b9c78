import type { MetricRegistry } from "../../core/metrics/registry.ts";
import {
  type Block,
  blockRuns,
  type NumberRun,
  type ReportDocument,
  runsText,
} from "../../core/report/model.ts";
import { numberHeadings } from "../../core/report/numbering.ts";

/** One figure of the report with where it stands and what it traces to. */
export interface NumberRow {
  section: string;
  context: string;
  run: NumberRun;
  label: string;
  unit: string;
}

const SENTENCE_END = /[。！？；]/;

/** The sentence of `text` around character offset `at`, ending punctuation kept. */
export function sentenceAt(text: string, at: number): string {
  let start = at;
  while (start > 0 && !SENTENCE_END.test(text[start - 1] ?? "")) start--;
  let end = at;
  while (end < text.length && !SENTENCE_END.test(text[end] ?? "")) end++;
  return text.slice(start, Math.min(text.length, end + 1)).trim();
}

function blockContext(block: Block): string | undefined {
  if (block.type === "table") return block.caption ? runsText(block.caption) : "表格";
  if (block.type === "chart") return block.title ?? "图表";
  return undefined;
}

/** Every number run in reading order, with its section heading and sentence. */
export function numberRows(doc: ReportDocument, registry?: MetricRegistry): NumberRow[] {
  const prefixes = numberHeadings(doc.blocks);
  const rows: NumberRow[] = [];
  let section = "";
  doc.blocks.forEach((block, i) => {
    if (block.type === "heading") section = `${prefixes.get(i) ?? ""}${runsText(block.runs)}`;
    const runs = blockRuns(block);
    const text = runsText(runs);
    let offset = 0;
    for (const run of runs) {
      if (run.t === "number") {
        const def = registry?.hasMetric(run.metric) ? registry.getMetric(run.metric) : undefined;
        rows.push({
          section,
          context: blockContext(block) ?? sentenceAt(text, offset),
          run,
          label: def?.label ?? run.metric,
          unit: run.base ? "%" : (def?.unit ?? ""),
        });
      }
      offset += run.text.length;
    }
  });
  return rows;
}
