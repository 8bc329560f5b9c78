import { once } from "node:events";
import type { Writable } from "node:stream";
import iconv from "iconv-lite";
import { type ExportSheet, type ExportValue, exportValue, iterate } from "./export-value.ts";

export interface CsvWriteOptions {
  /** Default "utf-8" with BOM, which Excel needs to detect UTF-8. */
  encoding?: "utf-8" | "gb18030";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Dates as the sheet shows them (UTC fields, matching how .xlsx dates are read). */
function formatDate(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  if (secs === 0) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function csvField(v: ExportValue): string {
  if (v === null) return "";
  const s =
    v instanceof Date ? formatDate(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams a CSV (CRLF line ends, RFC 4180 quoting) honouring `out`'s backpressure.
 * Strings pass through the same formula neutralisation as XLSX exports.
 */
export async function writeCsv(
  out: Writable,
  sheet: Omit<ExportSheet, "name"> & { name?: string },
  opts: CsvWriteOptions = {},
): Promise<void> {
  const gb = opts.encoding === "gb18030";
  const encode = (s: string): Buffer => (gb ? iconv.encode(s, "gb18030") : Buffer.from(s, "utf8"));
  const write = async (s: string) => {
    if (!out.write(encode(s))) await once(out, "drain");
  };
  if (!gb) await write("\uFEFF");
  const n = sheet.columns.length;
  if (sheet.title) await write(`${csvField(exportValue(sheet.title))}${",".repeat(n - 1)}\r\n`);
  await write(`${sheet.columns.map((c) => csvField(exportValue(c.header))).join(",")}\r\n`);
  let buf = "";
  for await (const rec of iterate(sheet.rows)) {
    buf += `${sheet.columns.map((c) => csvField(exportValue(rec[c.key]))).join(",")}\r\n`;
    if (buf.length > 64 * 1024) {
      await write(buf);
      buf = "";
    }
  }
  if (buf) await write(buf);
  out.end();
  await once(out, "finish");
}
