import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { openTable } from "./open-table.ts";
import { chunked, collect, sink } from "./test-support.ts";
import type { ColumnSpec } from "./types.ts";
import { writeXlsx } from "./xlsx-write.ts";

const specs: ColumnSpec[] = [{ key: "name", headers: ["企业名称"], required: true }];

/** Opens and drains the table; returns "CODE: message" of the AppError it fails with. */
async function failure(p: () => Promise<unknown>): Promise<string> {
  try {
    await p();
  } catch (e) {
    if (isAppError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error("expected a failure");
}

const readAll =
  (input: Parameters<typeof openTable>[0], filename: string, extra = {}) =>
  () =>
    openTable(input, { filename, columns: specs, ...extra }).then(collect);

async function xlsxBytes(rows: number): Promise<Buffer> {
  const out = sink();
  await writeXlsx(out.stream, {
    name: "名单",
    columns: [{ key: "name", header: "企业名称" }],
    rows: Array.from({ length: rows }, (_, i) => ({ name: `企业${i}号` })),
  });
  return out.buffer();
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe("rejected input", () => {
  it("refuses a legacy .xls (BIFF/OLE2) file", async () => {
    expect(await failure(readAll({ buffer: OLE2 }, "名单.xls"))).toBe(
      "FILE_UNREADABLE: 无法读取文件：不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入",
    );
    expect(await failure(readAll({ buffer: OLE2 }, "名单.xlsx"))).toContain(
      "旧版 .xls 格式或已加密",
    );
  });

  it("refuses a text file, renamed or not", async () => {
    const text = { buffer: Buffer.from("企业名称\n甲公司\n") };
    expect(await failure(readAll(text, "名单.txt"))).toBe(
      "FILE_UNREADABLE: 无法读取文件：不支持的文件格式（.txt），请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入",
    );
    expect(await failure(readAll(text, "名单.xlsx"))).toContain("不是有效的 .xlsx 表格");
  });

  it("refuses binary content named .csv", async () => {
    const bin = Buffer.concat([Buffer.from("企业名称,"), Buffer.alloc(64), Buffer.from([1, 2, 3])]);
    expect(await failure(readAll({ buffer: bin }, "a.csv"))).toContain("不是文本格式的 CSV");
  });

  it("reports a corrupt or truncated zip as FILE_UNREADABLE (and does not hang)", async () => {
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    expect(await failure(readAll({ buffer: garbage }, "坏.xlsx"))).toMatch(/^FILE_UNREADABLE: /);
    // Cut at many points: inside the sheet (spooled to a temp file), and near the end.
    const good = await xlsxBytes(20_000);
    for (const f of [0.1, 0.5, 0.9, 0.99, 0.999]) {
      const truncated = good.subarray(0, Math.floor(good.length * f));
      expect(await failure(readAll({ buffer: truncated }, "半截.xlsx"))).toMatch(
        /^FILE_UNREADABLE: .*已损坏/,
      );
    }
  });

  it("fails text that is neither UTF-8 nor GB18030 instead of corrupting it", async () => {
    // 100 KB of valid UTF-8 CJK, then bytes invalid in UTF-8: detection picked UTF-8 already.
    const head = Buffer.from(`企业名称\n${"甲公司\n".repeat(10_000)}`);
    const bad = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x0a])]);
    expect(await failure(readAll({ buffer: bad }, "a.csv"))).toContain("文件编码无法识别");
  });

  it("reads GBK bytes even when a GBK character is split by the chunking", async () => {
    const bytes = iconv.encode("标题行,\r\n企业名称,备注\r\n甲公司,“引号”\r\n", "gbk");
    const t = await openTable(
      { stream: chunked(bytes, [3]) },
      { filename: "a.csv", columns: specs },
    );
    expect(await collect(t)).toEqual([{ row: 3, values: { name: "甲公司" } }]);
  });

  it("caps the size: known up front, and for a stream of unknown length", async () => {
    const big = Buffer.from(`企业名称\n${"甲公司有限责任公司\n".repeat(100_000)}`);
    expect(await failure(readAll({ buffer: big }, "a.csv", { maxBytes: 1024 * 1024 }))).toBe(
      "FILE_TOO_LARGE: 文件过大，不能超过 1 MB",
    );
    const stream = chunked(big, [65536]);
    expect(await failure(readAll({ stream }, "a.csv", { maxBytes: 1024 * 1024 }))).toMatch(
      /^FILE_TOO_LARGE/,
    );
    const xlsx = await xlsxBytes(50_000);
    const small = Math.floor(xlsx.length / 2);
    expect(
      await failure(readAll({ stream: chunked(xlsx, [8192]) }, "a.xlsx", { maxBytes: small })),
    ).toMatch(/^FILE_TOO_LARGE/);
  });

  it("caps the number of data rows", async () => {
    const csv = Buffer.from(`企业名称\n${"甲\n".repeat(11)}`);
    expect(await failure(readAll({ buffer: csv }, "a.csv", { maxRows: 10 }))).toBe(
      "FILE_UNREADABLE: 无法读取文件：数据超过 10 行的上限，请拆分为多个文件分批导入",
    );
    const ok = await openTable({ buffer: csv }, { filename: "a.csv", columns: specs, maxRows: 11 });
    expect((await collect(ok)).length).toBe(11);
  });

  it("reports a missing file", async () => {
    expect(await failure(readAll({ path: "/nonexistent/x.xlsx" }, "x.xlsx"))).toBe(
      "FILE_UNREADABLE: 无法读取文件：文件不存在",
    );
  });

  it("reports a source stream that errors", async () => {
    const stream = new Readable({
      read() {
        this.destroy(new Error("socket hang up"));
      },
    });
    expect(await failure(readAll({ stream }, "a.csv"))).toMatch(/^FILE_UNREADABLE/);
  });
});
