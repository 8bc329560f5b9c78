import { describe, expect, it } from "vitest";
import { progressLine, progressPrinter } from "./progress.ts";

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (s: string) => {
      written.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe("CLI import progress", () => {
  it("formats rows with separators and a percentage only when the size is known", () => {
    expect(progressLine({ rows: 120_000, bytes: 35, totalBytes: 100 })).toBe(
      "已读取 120,000 行（35%）",
    );
    expect(progressLine({ rows: 12, bytes: 500 })).toBe("已读取 12 行");
  });

  it("rewrites one line on a terminal, at most five times a second, ending with the last", () => {
    const { stream, written } = fakeStream(true);
    const p = progressPrinter(stream);
    p.update({ rows: 1000, bytes: 10, totalBytes: 100 });
    p.update({ rows: 2000, bytes: 20, totalBytes: 100 });
    p.update({ rows: 3000, bytes: 30, totalBytes: 100 });
    p.finish();
    expect(written).toEqual([
      "\r\x1b[K已读取 1,000 行（10%）",
      "\r\x1b[K已读取 3,000 行（30%）",
      "\n",
    ]);
  });

  it("writes sparse plain lines to a log, ending with where reading stopped", () => {
    const { stream, written } = fakeStream(false);
    const p = progressPrinter(stream);
    p.update({ rows: 1000 });
    p.update({ rows: 2000 });
    p.finish();
    expect(written).toEqual(["已读取 2,000 行\n"]);
  });
});
