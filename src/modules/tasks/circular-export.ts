import { loadExcelJs } from "../../core/excel/exceljs.ts";
import { neutraliseFormula } from "../../core/excel/index.ts";
import { formatDateCn } from "../../core/metrics/format.ts";
import type { Block, ReportDocument, TableCell } from "../../core/report/model.ts";
import { textRun } from "../../core/report/model.ts";
import { renderDocx } from "../../reports/docx/render.ts";
import type { Circular, CircularCounts } from "./circular.ts";

/** "关于截至11月26日重点工作任务推进情况的通报". */
export function circularTitle(date: string): string {
  return `关于截至${formatDateCn(date, false)}重点工作任务推进情况的通报`;
}

function countsText(c: CircularCounts): string {
  const late = c.closedLate > 0 ? `（其中逾期办结${c.closedLate}项）` : "";
  return `已办结${c.closed}项${late}，正常推进${c.inProgress}项，临近完成时限${c.dueSoon}项，逾期未办结${c.overdue}项`;
}

export function circularSummary(c: Circular): string {
  const who = c.regionName.endsWith("县") ? "全县" : c.regionName;
  return `截至${formatDateCn(c.date)}，${who}纳入督查督办的重点工作任务共${c.totals.total}项，其中${countsText(c.totals)}。现将各牵头单位任务推进情况通报如下。`;
}

/*
 * The report renderer gives every grid column the same width, so wide columns span several
 * grid columns: 序号 1, 任务名称 4, 配合单位 2, 完成时限 2, 办理状态 2, 预警 1 (of 12).
 */
const SPANS = [1, 4, 2, 2, 2, 1];
const HEADER = ["序号", "任务名称", "配合单位", "完成时限", "办理状态", "预警"];

const cell = (text: string, align?: TableCell["align"]): TableCell => ({
  runs: [textRun(text)],
  ...(align ? { align } : {}),
});
const spanned = (cells: TableCell[]): TableCell[] =>
  cells.map((c, i) => ((SPANS[i] ?? 1) > 1 ? { ...c, colSpan: SPANS[i] } : c));

/** The circular as a 公文 (GB/T 9704 layout via the report renderer). */
export async function circularDocx(c: Circular, issuer: string): Promise<Buffer> {
  const blocks: Block[] = [
    { type: "paragraph", key: "summary", runs: [textRun(circularSummary(c))] },
  ];
  for (const u of c.units) {
    blocks.push({
      type: "heading",
      key: `unit.${u.unitId}`,
      level: 1,
      runs: [textRun(`${u.unitName}（共${u.counts.total}项）`)],
    });
    blocks.push({
      type: "paragraph",
      key: `unit.${u.unitId}.counts`,
      runs: [textRun(`${countsText(u.counts)}。`)],
    });
    blocks.push({
      type: "table",
      key: `unit.${u.unitId}.table`,
      header: [spanned(HEADER.map((h) => cell(h, "center")))],
      body: u.tasks.map((t, i) =>
        spanned([
          cell(String(i + 1), "center"),
          cell(t.title),
          cell(t.coUnits.join("、") || "—"),
          cell(formatDateCn(t.dueOn, !t.dueOn.startsWith(c.date.slice(0, 4))), "center"),
          cell(
            t.percent === null || t.light === "grey" ? t.status : `${t.status}（${t.percent}%）`,
            "center",
          ),
          cell(t.light === "grey" ? "—" : t.lightLabel, "center"),
        ]),
      ),
    });
  }
  const doc: ReportDocument = {
    title: circularTitle(c.date),
    blocks,
    signature: { unit: issuer, date: c.date },
  };
  return renderDocx(doc);
}

const FILL: Record<string, string> = {
  green: "FFC6EFCE",
  yellow: "FFFFEB9C",
  red: "FFFFC7CE",
  grey: "FFE7E6E6",
};

/** Two sheets: the per-unit counts and every task with its light (cells tinted by light). */
export async function circularXlsx(c: Circular): Promise<Buffer> {
  const excel = await loadExcelJs();
  const wb = new excel.Workbook();
  const sum = wb.addWorksheet("汇总");
  sum.addRow([
    circularTitle(c.date)
      .replace(/^关于/, "")
      .replace(/的通报$/, ""),
  ]);
  sum.addRow(["牵头单位", "任务总数", "已办结", "其中逾期办结", "正常推进", "临近", "逾期"]);
  const line = (name: string, k: CircularCounts) =>
    sum.addRow([name, k.total, k.closed, k.closedLate, k.inProgress, k.dueSoon, k.overdue]);
  for (const u of c.units) line(neutraliseFormula(u.unitName), u.counts);
  line("合计", c.totals).font = { bold: true };
  sum.getRow(2).font = { bold: true };
  sum.getColumn(1).width = 28;

  const det = wb.addWorksheet("任务明细");
  det.addRow([
    "牵头单位",
    "任务名称",
    "任务来源",
    "配合单位",
    "交办日期",
    "完成时限",
    "办理状态",
    "进度(%)",
    "预警",
  ]);
  det.getRow(1).font = { bold: true };
  for (const u of c.units)
    for (const t of u.tasks) {
      const row = det.addRow([
        neutraliseFormula(u.unitName),
        neutraliseFormula(t.title),
        t.source,
        neutraliseFormula(t.coUnits.join("、")),
        t.assignedOn,
        t.dueOn,
        t.status,
        t.percent,
        t.lightLabel,
      ]);
      row.getCell(9).fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: FILL[t.light] ?? "FFFFFFFF" },
      };
    }
  for (const [i, w] of [20, 40, 14, 24, 12, 12, 10, 8, 8].entries()) det.getColumn(i + 1).width = w;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
