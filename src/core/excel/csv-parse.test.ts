import { describe, expect, it } from "vitest";
import { detectEncoding } from "./csv-decode.ts";
import { CsvParser, guessDelimiter } from "./csv-parse.ts";

function parseAll(text: string, cuts: number[] = [], delimiter = ","): string[][] {
  const p = new CsvParser(delimiter);
  const out: string[][] = [];
  let at = 0;
  for (const c of [...cuts, text.length]) {
    out.push(...p.push(text.slice(at, c)));
    at = c;
  }
  return [...out, ...p.end()];
}

const SAMPLE = 'a,"b,1","c ""q"" d"\r\n"多\r\n行",,末尾\n\n"x"y,z\rlast,"unterminated';
const EXPECTED = [
  ["a", "b,1", 'c "q" d'],
  ["多\r\n行", "", "末尾"],
  [""],
  ["xy", "z"],
  ["last", "unterminated"],
];

describe("CsvParser", () => {
  it("handles quotes, escaped quotes, embedded line breaks, CRLF/LF/CR and a missing final newline", () => {
    expect(parseAll(SAMPLE)).toEqual(EXPECTED);
  });

  it("gives the same records wherever the text is cut", () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      for (let j = i; j <= SAMPLE.length; j += 3) {
        expect(parseAll(SAMPLE, [i, j])).toEqual(EXPECTED);
      }
    }
  });

  it("keeps a trailing empty field and leading/trailing spaces", () => {
    expect(parseAll("a,b,\r\n c ,d\r\n")).toEqual([
      ["a", "b", ""],
      [" c ", "d"],
    ]);
  });

  it("supports tab-separated text and guesses the delimiter", () => {
    expect(guessDelimiter("标题\n名称\t代码\n甲\t1\n")).toBe("\t");
    expect(guessDelimiter('标题,,\n名称,"代码\t说明"\n')).toBe(",");
    expect(parseAll("名称\t代码\n甲\t1", [], "\t")).toEqual([
      ["名称", "代码"],
      ["甲", "1"],
    ]);
  });
});

describe("detectEncoding", () => {
  it("uses the BOM, else validates UTF-8, else falls back to GB18030", () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("utf-8");
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]))).toBe("utf-16le");
    expect(detectEncoding(Buffer.from("企业名称,代码"))).toBe("utf-8");
    expect(detectEncoding(Buffer.from("企业").subarray(0, 4))).toBe("utf-8"); // cut mid-char
    expect(detectEncoding(Buffer.from([0xc6, 0xf3, 0xd2, 0xb5]))).toBe("gb18030"); // 企业 in GBK
    expect(detectEncoding(Buffer.from("plain ascii"))).toBe("utf-8");
  });
});
