import type { ImportResult } from "../api/types.ts";

export const fmtCount = (n: number) => n.toLocaleString("zh-CN");

/** What an import did, as every import message says it: 共 … 行：新增 … 条，更新 … 条，未变 … 条. */
export function importCountsText(r: ImportResult): string {
  return `共 ${fmtCount(r.total)} 行：新增 ${fmtCount(r.created)} 条，更新 ${fmtCount(r.updated)} 条，未变 ${fmtCount(r.unchanged)} 条`;
}
