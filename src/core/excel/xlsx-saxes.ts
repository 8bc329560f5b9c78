/**
 * The saxes-based worksheet and shared-strings readers the scanner replaced, unchanged.
 * They read the rare XML 1.1 document (whose line-end and character rules the scanner
 * does not implement), and the scanner tests use them as the oracle.
 */
import { AppError } from "../errors.ts";
import type { Cell, RawRow } from "./types.ts";
import { cellValue, columnIndex, decodeXlsxText, type SheetContext } from "./xlsx-cells.ts";
import { parseSax } from "./xlsx-internals.ts";

export const tooManyChars = () =>
  new AppError("FILE_UNREADABLE", { reason: "表格中的文字内容过多，请拆分后分批导入" });

export async function* saxesSheetRows(
  chunks: AsyncIterable<unknown>,
  ctx: SheetContext,
): AsyncGenerator<RawRow> {
  let rowNo = 0;
  let cells: Cell[] = [];
  let hasValue = false;
  let col = 0;
  let t = "n";
  let s = 0;
  let v = "";
  let inline = "";
  let inV = false;
  let inT = false;
  let inRph = false;
  for await (const events of parseSax(chunks)) {
    for (const ev of events) {
      if (ev.eventType === "text") {
        if (inV) v += ev.value;
        else if (inT && !inRph) inline += ev.value;
        continue;
      }
      const tag = ev.value;
      if (ev.eventType === "opentag") {
        if (tag.name === "row") {
          const r = Number.parseInt(tag.attributes.r ?? "", 10);
          rowNo = Number.isFinite(r) ? r : rowNo + 1;
          cells = [];
          hasValue = false;
          col = 0;
        } else if (tag.name === "c") {
          const ci = columnIndex(tag.attributes.r);
          col = ci >= 0 ? ci : col;
          t = tag.attributes.t ?? "n";
          s = Number.parseInt(tag.attributes.s ?? "0", 10) || 0;
          v = "";
          inline = "";
        } else if (tag.name === "v") inV = true;
        else if (tag.name === "t") inT = true;
        else if (tag.name === "rPh") inRph = true;
      } else if (tag.name === "v") inV = false;
      else if (tag.name === "t") inT = false;
      else if (tag.name === "rPh") inRph = false;
      else if (tag.name === "c") {
        const value = cellValue(t, v, inline, s, ctx);
        if (value !== null) {
          cells[col] = value;
          hasValue = true;
        }
        col++;
      } else if (tag.name === "row" && hasValue) yield { row: rowNo, cells };
    }
  }
}

export async function saxesSharedStrings(
  chunks: AsyncIterable<unknown>,
  maxChars: number,
): Promise<string[]> {
  const list: string[] = [];
  let total = 0;
  let text = "";
  let inT = false;
  let inRph = false;
  for await (const events of parseSax(chunks)) {
    for (const ev of events) {
      if (ev.eventType === "text") {
        if (inT && !inRph) text += ev.value;
      } else if (ev.eventType === "opentag") {
        if (ev.value.name === "t") inT = true;
        else if (ev.value.name === "rPh") inRph = true;
        else if (ev.value.name === "si") text = "";
      } else if (ev.value.name === "t") inT = false;
      else if (ev.value.name === "rPh") inRph = false;
      else if (ev.value.name === "si") {
        list.push(decodeXlsxText(text));
        total += text.length;
        if (total > maxChars) throw tooManyChars();
      }
    }
  }
  return list;
}
