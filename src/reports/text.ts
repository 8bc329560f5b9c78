import { formatDateCn } from "../core/metrics/format.ts";
import { type Block, type ReportDocument, runsText, type TableCell } from "../core/report/model.ts";
import { numberHeadings } from "../core/report/numbering.ts";

/*
 * The report as plain text, one block a line: what a reader sees, without layout. Golden
 * tests compare it line by line and docs/ shows it next to the seed summaries, so it has to
 * be deterministic and diff-friendly: tables become tab-separated rows.
 */

function cellText(cell: TableCell): string {
  // A merged cell keeps its columns, so the rows below still line up under the header.
  const span = cell.colSpan && cell.colSpan > 1 ? "\t".repeat(cell.colSpan - 1) : "";
  return runsText(cell.runs).replace(/[\t\n]/g, " ") + span;
}

function blockLines(block: Block, prefix: string | undefined): string[] {
  switch (block.type) {
    case "heading":
      return [`${prefix ?? ""}${runsText(block.runs)}`];
    case "paragraph":
      return [runsText(block.runs)];
    case "list":
      return block.items.map(
        (runs, i) => `${block.ordered ? `${i + 1}. ` : "· "}${runsText(runs)}`,
      );
    case "table":
      return [
        ...(block.caption ? [runsText(block.caption)] : []),
        ...(block.unitNote ? [block.unitNote] : []),
        ...[...block.header, ...block.body].map((row) => row.map(cellText).join("\t")),
      ];
    case "chart":
      return [
        `［图表］${block.title ?? block.spec}`,
        ["", ...block.categories].join("\t"),
        ...block.series.map((s) => [s.name, ...s.values.map((v) => v.text)].join("\t")),
      ];
  }
}

/** Title, 主送, every block with its heading number, then the signature; ends with "\n". */
export function renderText(doc: ReportDocument): string {
  const prefixes = numberHeadings(doc.blocks);
  const lines = [doc.title];
  if (doc.addressee) lines.push(`${doc.addressee}：`);
  doc.blocks.forEach((b, i) => {
    lines.push(...blockLines(b, prefixes.get(i)));
  });
  if (doc.signature) lines.push("", doc.signature.unit, formatDateCn(doc.signature.date, true));
  return `${lines.join("\n")}\n`;
}
