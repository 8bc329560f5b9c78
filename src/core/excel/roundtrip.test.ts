import { describe, expect, it } from "vitest";
import { writeCsv } from "./csv-write.ts";
import { neutraliseFormula } from "./neutralise.ts";
import { openTable } from "./open-table.ts";
import { chunked, collect, type SampleRow, sampleRows, sink } from "./test-support.ts";
import type { ColumnSpec } from "./types.ts";
import { writeXlsx } from "./xlsx-write.ts";

const N = 100_000;
const rows = sampleRows(N, 42);

const specs: ColumnSpec[] = [
  { key: "name", headers: ["企业名称"], required: true },
  { key: "code", headers: ["统一社会信用代码"], required: true },
  { key: "note", headers: ["备注"] },
  { key: "amount", headers: ["金额（万元）"] },
  { key: "day", headers: ["认定日期"] },
  { key: "flag", headers: ["是否规上"] },
];
const exportColumns = specs.map((s) => ({ key: s.key, header: s.headers[0] ?? s.key }));

/** What a reader returns for a written string: neutralised, and blank when only whitespace. */
function text(v: string | null): string | null {
  const n = v === null ? "" : neutraliseFormula(v);
  return n.trim() === "" ? null : n;
}

/** First mismatching row, so a failure names the row instead of dumping 100k objects. */
function firstMismatch<T>(got: T[], want: T[]): { i: number; got?: T; want?: T } | null {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(got[i]) !== JSON.stringify(want[i]))
      return { i, got: got[i], want: want[i] };
  }
  return null;
}

async function csvBytes(encoding: "utf-8" | "gb18030", data: SampleRow[]): Promise<Buffer> {
  const out = sink();
  await writeCsv(out.stream, { columns: exportColumns, rows: data }, { encoding });
  return out.buffer();
}

const csvExpected = (data: SampleRow[]) =>
  data.map((r, i) => ({
    row: i + 2,
    values: {
      name: text(r.name),
      code: r.code,
      note: text(r.note),
      amount: String(r.amount),
      day: r.day.toISOString().slice(0, 10),
      flag: r.flag ? "TRUE" : "FALSE",
    },
  }));

describe("100k-row round trips", () => {
  for (const encoding of ["utf-8", "gb18030"] as const) {
    it(`CSV ${encoding}, delivered in 1/7/4093-byte chunks, reads back byte-for-byte`, async () => {
      const bytes = await csvBytes(encoding, rows);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(
        encoding === "utf-8",
      );
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const table = await openTable(
        { stream: chunked(bytes, [1, 7, 4093]) },
        { filename: "企业名单.csv", columns: specs },
      );
      const got = await collect(table);
      const cpu = Math.round(process.cpuUsage(c0).user / 1000);
      const wall = Math.round(performance.now() - t0);
      console.log(
        `csv ${encoding} read ${N} rows (${bytes.length} B): ${wall} ms wall / ${cpu} ms cpu`,
      );
      expect(table.headerRow).toBe(1);
      expect(got.length).toBe(N);
      expect(firstMismatch(got, csvExpected(rows))).toBeNull();
    });

    it(`CSV ${encoding} in 1-byte chunks (every character boundary split)`, async () => {
      const small = rows.slice(0, 3000);
      const bytes = await csvBytes(encoding, small);
      const table = await openTable(
        { stream: chunked(bytes, [1]) },
        { filename: "list.CSV", columns: specs },
      );
      expect(firstMismatch(await collect(table), csvExpected(small))).toBeNull();
    });
  }

  it("XLSX write → read, 100k rows, typed values equal", async () => {
    const out = sink();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await writeXlsx(out.stream, {
      name: "企业",
      title: "2026年高新技术企业名单",
      columns: exportColumns.map((c) => (c.key === "amount" ? { ...c, numFmt: "0.00" } : c)),
      rows,
    });
    const bytes = out.buffer();
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const table = await openTable({ buffer: bytes }, { filename: "export.xlsx", columns: specs });
    const got = await collect(table);
    const t2 = performance.now();
    const cw = Math.round((c1.user - c0.user) / 1000);
    const cr = Math.round(process.cpuUsage(c1).user / 1000);
    console.log(
      `xlsx ${N} rows (${bytes.length} B): write ${Math.round(t1 - t0)} ms wall / ${cw} ms cpu, read ${Math.round(t2 - t1)} ms wall / ${cr} ms cpu`,
    );
    expect(table.headerRow).toBe(2);
    expect(got.length).toBe(N);
    const want = rows.map((r, i) => ({
      row: i + 3,
      values: {
        name: text(r.name),
        code: r.code,
        note: text(r.note),
        amount: r.amount === 0 ? 0 : r.amount,
        day: r.day,
        flag: r.flag,
      },
    }));
    expect(got[0]?.values.day).toBeInstanceOf(Date);
    expect(typeof got[0]?.values.amount).toBe("number");
    expect(firstMismatch(got, want)).toBeNull();
  });
});
