import type { App } from "antd";
import type { ImportResult } from "../api/types.ts";

export const fmtCount = (n: number) => n.toLocaleString("zh-CN");

/** What an import did, as every import message says it: 共 … 行：新增 … 条，更新 … 条，未变 … 条. */
export function importCountsText(r: ImportResult): string {
  return `共 ${fmtCount(r.total)} 行：新增 ${fmtCount(r.created)} 条，更新 ${fmtCount(r.updated)} 条，未变 ${fmtCount(r.unchanged)} 条`;
}

type Modal = ReturnType<typeof App.useApp>["modal"];

/**
 * An import refused as a whole (no bad rows to list: a number outside the user's scope, a
 * file that cannot be read, a lost connection): a dialog that stays until read, not a toast
 * that is gone in three seconds.
 */
export function showRefusal(modal: Modal, reason: string): void {
  modal.error({ title: "导入失败", content: reason, okText: "知道了" });
}
