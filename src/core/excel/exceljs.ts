import type ExcelJS from "exceljs";

/**
 * exceljs, loaded on first use: it is ~28 MB of resident memory, and a server that never
 * writes a workbook (or has not yet) should not carry it. Reading .xlsx does not use it.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
