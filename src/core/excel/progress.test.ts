import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTable } from "./open-table.ts";
import { chunked, sink } from "./test-support.ts";
import type { ColumnSpec, OpenedTable, ReadProgress } from "./types.ts";
import { writeXlsx } from "./xlsx-write.ts";

const columns: ColumnSpec[] = [
  { key: "no", headers: ["编号"] },
  { key: "name", headers: ["名称"] },
];

function csv(n: number): Buffer {
  const lines = ["编号,名称"];
  for (let i = 1; i <= n; i++) lines.push(`${i},第${i}家测试单位`);
  return Buffer.from(lines.join("\r\n"));
}

/** Reads every row, sampling progress after each; returns the samples and the row count. */
async function drain(t: OpenedTable): Promise<{ samples: ReadProgress[]; rows: number }> {
  const samples: ReadProgress[] = [t.progress()];
  let rows = 0;
  for await (const _ of t.rows) {
    rows += 1;
    samples.push(t.progress());
  }
  samples.push(t.progress());
  return { samples, rows };
}

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= (xs[i - 1] ?? 0));

describe("read progress", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "keguan-progress-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("counts a .csv file's bytes up to its size, rising while rows stream", async () => {
    const body = csv(40_000);
    const path = join(dir, "list.csv");
    await writeFile(path, body);
    const { samples, rows } = await drain(
      await openTable({ path }, { filename: "list.csv", columns }),
    );
    expect(rows).toBe(40_000);
    expect(samples.every((s) => s.totalBytes === body.length)).toBe(true);
    const bytes = samples.map((s) => s.bytes);
    expect(increasing(bytes)).toBe(true);
    // The file is read in 256 KB chunks: the count moves during the read, not only at the end.
    expect(bytes[1]).toBeLessThan(body.length);
    expect(bytes.at(-1)).toBe(body.length);
  });

  it("knows no total for a stream but still counts its bytes", async () => {
    const body = csv(500);
    const t = await openTable({ stream: chunked(body, [1000]) }, { filename: "a.csv", columns });
    const { samples } = await drain(t);
    expect(samples.at(-1)).toEqual({ bytes: body.length, totalBytes: undefined });
  });

  it("measures an .xlsx by its worksheet's inflated bytes against the declared size", async () => {
    const out = sink();
    const rowsIn = Array.from({ length: 20_000 }, (_, i) => ({ no: i + 1, name: `第${i + 1}家` }));
    await writeXlsx(out.stream, {
      name: "表",
      columns: [
        { key: "no", header: "编号" },
        { key: "name", header: "名称" },
      ],
      rows: rowsIn,
    });
    const path = join(dir, "list.xlsx");
    await writeFile(path, out.buffer());
    const { samples, rows } = await drain(
      await openTable({ path }, { filename: "list.xlsx", columns }),
    );
    expect(rows).toBe(20_000);
    const last = samples.at(-1);
    expect(last?.totalBytes).toBeGreaterThan(out.buffer().length);
    expect(last?.bytes).toBe(last?.totalBytes);
    expect(increasing(samples.map((s) => s.bytes))).toBe(true);
    expect(samples[Math.floor(samples.length / 2)]?.bytes).toBeLessThan(last?.bytes ?? 0);
  });
});
