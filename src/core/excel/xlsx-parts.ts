import { AppError } from "../errors.ts";
import { parseSax, type SaxEvent, type ZipEntry } from "./xlsx-internals.ts";

/** The workbook-level parts of an .xlsx, read fully before the sheet is streamed. */

/** Inverse of Excel's "_xHHHH_" escaping of characters XML cannot carry verbatim. */
export function decodeXlsxText(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** What we need from styles.xml: each cell format's numFmtId, and custom format codes. */
export interface StyleInfo {
  xfNumFmt: number[];
  codes: Map<number, string>;
}

/** All XML events of a zip entry, one at a time. */
export async function* xmlEvents(entry: ZipEntry): AsyncGenerator<SaxEvent> {
  for await (const batch of parseSax(entry.stream())) yield* batch;
}

/** Reads cellXfs/numFmts only. */
export async function readStyles(entry: ZipEntry | undefined): Promise<StyleInfo> {
  const info: StyleInfo = { xfNumFmt: [], codes: new Map() };
  if (!entry) return info;
  let inXfs = false;
  for await (const ev of xmlEvents(entry)) {
    if (ev.eventType === "text") continue;
    const { name, attributes } = ev.value;
    if (ev.eventType === "closetag") {
      if (name === "cellXfs") inXfs = false;
    } else if (name === "cellXfs") inXfs = true;
    else if (name === "xf" && inXfs) {
      info.xfNumFmt.push(Number.parseInt(attributes.numFmtId ?? "0", 10) || 0);
    } else if (name === "numFmt") {
      const id = Number.parseInt(attributes.numFmtId ?? "", 10);
      if (Number.isFinite(id) && attributes.formatCode !== undefined) {
        info.codes.set(id, attributes.formatCode);
      }
    }
  }
  return info;
}

/** Shared strings as plain text: rich-text runs joined, phonetic guides dropped. */
export async function readSharedStrings(
  entry: ZipEntry | undefined,
  maxChars: number,
): Promise<string[] | undefined> {
  if (!entry) return undefined;
  const list: string[] = [];
  let text = "";
  let inT = false;
  let inRph = false;
  let total = 0;
  for await (const ev of xmlEvents(entry)) {
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
      if (total > maxChars) {
        throw new AppError("FILE_UNREADABLE", { reason: "表格中的文字内容过多，请拆分后分批导入" });
      }
    }
  }
  return list;
}

interface Rel {
  type: string;
  target: string;
}

/** Relationship targets resolved to zip paths (relative to xl/, or absolute from the root). */
export async function readRels(entry: ZipEntry | undefined): Promise<Map<string, Rel>> {
  const rels = new Map<string, Rel>();
  if (!entry) return rels;
  for await (const ev of xmlEvents(entry)) {
    if (ev.eventType !== "opentag" || ev.value.name !== "Relationship") continue;
    const { Id, Type, Target } = ev.value.attributes;
    if (!Id || !Target) continue;
    const target = Target.startsWith("/") ? Target.slice(1) : `xl/${Target.replace(/^\.\//, "")}`;
    rels.set(Id, { type: Type ?? "", target: target.toLowerCase() });
  }
  return rels;
}

interface WorkbookInfo {
  date1904: boolean;
  sheets: { name: string; rId: string; hidden: boolean }[];
}

export async function readWorkbook(entry: ZipEntry | undefined): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { date1904: false, sheets: [] };
  if (!entry) return info;
  for await (const ev of xmlEvents(entry)) {
    if (ev.eventType !== "opentag") continue;
    const a = ev.value.attributes;
    if (ev.value.name === "workbookPr") info.date1904 = a.date1904 === "1" || a.date1904 === "true";
    else if (ev.value.name === "sheet") {
      info.sheets.push({
        name: a.name ?? "",
        rId: a["r:id"] ?? "",
        hidden: a.state === "hidden" || a.state === "veryHidden",
      });
    }
  }
  return info;
}
