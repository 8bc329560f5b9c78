import { decodeXlsxText, type StyleInfo } from "./xlsx-cells.ts";
import { parseSax, type SaxEvent, type ZipEntry } from "./xlsx-internals.ts";
import { saxesSharedStrings, tooManyChars } from "./xlsx-saxes.ts";
import { OOXML_NAMESPACES, scanToEnd, type XmlSink, XmlVersionError } from "./xlsx-scan.ts";

/** The workbook-level parts of an .xlsx, read fully before the sheet is streamed. */

/**
 * All XML events of a zip entry, one at a time. Element names with a prefix the root binds
 * to an OOXML namespace (<x:sheet>) come without it, as the worksheet scanner reports them.
 */
export async function* xmlEvents(entry: ZipEntry): AsyncGenerator<SaxEvent> {
  let prefixes: string[] | undefined;
  for await (const batch of parseSax(entry.stream())) {
    for (const ev of batch) {
      if (ev.eventType === "text") {
        yield ev;
        continue;
      }
      prefixes ??= Object.entries(ev.value.attributes)
        .filter(([k, v]) => k.startsWith("xmlns:") && OOXML_NAMESPACES.has(v ?? ""))
        .map(([k]) => k.slice(6));
      const colon = ev.value.name.indexOf(":");
      if (colon > 0 && prefixes.includes(ev.value.name.slice(0, colon))) {
        yield { ...ev, value: { ...ev.value, name: ev.value.name.slice(colon + 1) } };
      } else yield ev;
    }
  }
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
class SharedStringsSink implements XmlSink {
  readonly list: string[] = [];
  collecting = false;
  private current = "";
  private inT = false;
  private inRph = false;
  private total = 0;

  constructor(private readonly maxChars: number) {}

  open(name: string): void {
    if (name === "t") this.inT = true;
    else if (name === "rPh") this.inRph = true;
    else if (name === "si") this.current = "";
    this.collecting = this.inT && !this.inRph;
  }

  close(name: string): void {
    if (name === "t") this.inT = false;
    else if (name === "rPh") this.inRph = false;
    else if (name === "si") {
      this.list.push(decodeXlsxText(this.current));
      this.total += this.current.length;
      if (this.total > this.maxChars) {
        throw tooManyChars();
      }
    }
    this.collecting = this.inT && !this.inRph;
  }

  text(s: string): void {
    this.current += s;
  }
}

export async function readSharedStrings(
  entry: ZipEntry | undefined,
  maxChars: number,
): Promise<string[] | undefined> {
  if (!entry) return undefined;
  const sink = new SharedStringsSink(maxChars);
  try {
    await scanToEnd(entry.stream(), sink);
  } catch (e) {
    if (e instanceof XmlVersionError) return saxesSharedStrings(entry.stream(), maxChars);
    throw e;
  }
  return sink.list;
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
