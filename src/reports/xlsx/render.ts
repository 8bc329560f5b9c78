import type ExcelJS from "exceljs";
import { loadExcelJs } from "../../core/excel/exceljs.ts";
import { neutraliseFormula } from "../../core/excel/index.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import type { ReportDocument, TableBlock, TableCell } from "../../core/report/model.ts";
import { runsText } from "../../core/report/model.ts";
import { numberRows } from "./rows.ts";

/*
 * The statistics behind a report as a workbook: sheet 1 lists every figure of the text with
 * its metric and scope (what an auditor checks), then one sheet per table block as printed.
 */

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = {
  type: "pattern" as const,
  pattern: "solid" as const,
  fgColor: { argb: "FFD9E1F2" },
};

const NUMBER_COLUMNS = [
  { header: "序号", width: 6 },
  { header: "章节", width: 28 },
  { header: "所在句子", width: 60 },
  { header: "指标编号", width: 26 },
  { header: "指标名称", width: 22 },
  { header: "数值", width: 14 },
  { header: "单位", width: 8 },
  { header: "文中表述", width: 18 },
  { header: "地区", width: 12 },
  { header: "起始日期", width: 12 },
  { header: "截止日期", width: 12 },
  { header: "对比期", width: 24 },
];

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.eachCell((cell) => {
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
  });
}

function text(s: string): string {
  return neutraliseFormula(s);
}

function numbersSheet(wb: ExcelJS.Workbook, doc: ReportDocument, registry?: MetricRegistry): void {
  const ws = wb.addWorksheet("数字来源", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = NUMBER_COLUMNS.map((c) => ({ width: c.width }));
  styleHeader(ws.addRow(NUMBER_COLUMNS.map((c) => c.header)));
  numberRows(doc, registry).forEach((r, i) => {
    const s = r.run.scope;
    const row = ws.addRow([
      i + 1,
      text(r.section),
      text(r.context),
      r.run.metric,
      text(r.label),
      r.run.value,
      r.unit,
      text(r.run.text),
      s.regionName,
      s.from,
      s.to,
      r.run.base ? `${r.run.base.from}至${r.run.base.to}` : "",
    ]);
    row.alignment = { vertical: "top", wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
    if (r.run.base) row.getCell(6).numFmt = "0.0%";
  });
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, "_").slice(0, 28) || "表";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** Writes header and body rows, merging spanned cells as in the document. */
function tableSheet(wb: ExcelJS.Workbook, name: string, block: TableBlock): void {
  const ws = wb.addWorksheet(name);
  let r = 1;
  if (block.caption) {
    ws.getCell(r, 1).value = text(runsText(block.caption));
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    r++;
  }
  if (block.unitNote) ws.getCell(r++, 1).value = block.unitNote;
  // Cells covered by a row span above are skipped when placing the next cells of a row.
  const covered = new Set<string>();
  let maxCol = 1;
  const write = (rows: TableCell[][], header: boolean) => {
    for (const cells of rows) {
      let c = 1;
      for (const cell of cells) {
        while (covered.has(`${r}:${c}`)) c++;
        const span = { rows: cell.rowSpan ?? 1, cols: cell.colSpan ?? 1 };
        const target = ws.getCell(r, c);
        const only = cell.runs.length === 1 ? cell.runs[0] : undefined;
        target.value = only?.t === "number" && !only.base ? only.value : text(runsText(cell.runs));
        if (span.rows > 1 || span.cols > 1)
          ws.mergeCells(r, c, r + span.rows - 1, c + span.cols - 1);
        for (let dr = 0; dr < span.rows; dr++)
          for (let dc = 0; dc < span.cols; dc++) {
            covered.add(`${r + dr}:${c + dc}`);
            const part = ws.getCell(r + dr, c + dc);
            part.border = BORDER;
            if (header) {
              part.font = { bold: true };
              part.fill = HEADER_FILL;
            }
          }
        target.alignment = {
          vertical: "middle",
          horizontal: cell.align ?? "center",
          wrapText: true,
        };
        c += span.cols;
        maxCol = Math.max(maxCol, c - 1);
      }
      r++;
    }
  };
  write(block.header, true);
  write(block.body, false);
  for (let c = 1; c <= maxCol; c++) ws.getColumn(c).width = c === 1 ? 24 : 14;
}

/** The report's statistics workbook as a buffer. */
export async function renderReportXlsx(
  doc: ReportDocument,
  registry?: MetricRegistry,
): Promise<Buffer> {
  const excel = await loadExcelJs();
  const wb = new excel.Workbook();
  wb.creator = "科管";
  numbersSheet(wb, doc, registry);
  const taken = new Set(["数字来源"]);
  let n = 0;
  for (const block of doc.blocks) {
    if (block.type !== "table") continue;
    n++;
    tableSheet(wb, sheetName(block.caption ? runsText(block.caption) : `表${n}`, taken), block);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
