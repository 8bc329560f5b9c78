/** Helpers shared by the excel tests (not used by production code). */
import { Readable, Writable } from "node:stream";
import type { OpenedTable, TableRow } from "./types.ts";

/** A stream that yields `buf` in chunks cycling through `sizes`, to split characters. */
export function chunked(buf: Buffer, sizes: number[]): Readable {
  return Readable.from(
    (function* () {
      let i = 0;
      let k = 0;
      while (i < buf.length) {
        const n = sizes[k++ % sizes.length] ?? 1;
        yield buf.subarray(i, i + n);
        i += n;
      }
    })(),
  );
}

export function sink(): { stream: Writable; buffer: () => Buffer } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      cb();
    },
  });
  return { stream, buffer: () => Buffer.concat(parts) };
}

export async function collect(t: OpenedTable): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of t.rows) out.push(r);
  return out;
}

/** Small deterministic PRNG so failures are reproducible. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ..."高新技术企业科技局知识产权专利申请授权有效发明浙江省杭州市余杭区研发经费国拨省拨自筹",
  ..."（），。、；：“”‘’《》【】！？…—·￥％＃＠＆",
  "😀",
  "🚀",
  "𠀀",
  "𪚥",
  "🇨🇳",
  "€",
  "é",
  ",",
  '"',
  '""',
  "\n",
  "\r\n",
  " ",
  "A",
  "z",
  "9",
  "&amp;",
  "&lt;",
  "<b>",
  "'",
  "_x000D_",
  "\u0001",
];

export function randomText(r: () => number, maxLen: number): string {
  const len = 1 + Math.floor(r() * maxLen);
  let s = "";
  for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)] ?? "";
  return s;
}

export interface SampleRow {
  name: string;
  code: string;
  note: string | null;
  amount: number;
  day: Date;
  flag: boolean;
}

export function sampleRows(n: number, seed = 1): SampleRow[] {
  const r = rng(seed);
  const rows: SampleRow[] = [];
  for (let i = 0; i < n; i++) {
    const noteKind = r();
    rows.push({
      // Never whitespace-only (those read back as blank); a prefix keeps it non-blank.
      name: `企${randomText(r, 12)}`,
      code: `91330110MA${String(i).padStart(8, "0")}`,
      note:
        noteKind < 0.2
          ? null
          : noteKind < 0.25
            ? (["=SUM(A1:A2)", "+86", "-负数", "@cmd", "\t制表"][i % 5] ?? null)
            : randomText(r, 30),
      amount: Math.round((r() - 0.3) * 1e8) / 100,
      day: new Date(
        Date.UTC(2000 + Math.floor(r() * 30), Math.floor(r() * 12), 1 + Math.floor(r() * 28)),
      ),
      flag: r() < 0.5,
    });
  }
  return rows;
}
