import type { Block, HeadingLevel } from "./model.ts";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (1..99, enough for headings). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const onesText = ones ? (DIGITS[ones] ?? "") : "";
  if (tens === 0) return onesText;
  return `${tens === 1 ? "" : (DIGITS[tens] ?? "")}十${onesText}`;
}

/** The number prefix of a heading: 一、 （一） 1. （1）. */
export function headingPrefix(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * Heading prefixes by block index, derived from position: a heading resets the counters of
 * every deeper level, as in 公文 numbering.
 */
export function numberHeadings(blocks: readonly Block[]): Map<number, string> {
  const counters = [0, 0, 0, 0];
  const out = new Map<number, string>();
  blocks.forEach((block, i) => {
    if (block.type !== "heading") return;
    const idx = block.level - 1;
    counters[idx] = (counters[idx] ?? 0) + 1;
    for (let d = idx + 1; d < counters.length; d++) counters[d] = 0;
    out.set(i, headingPrefix(block.level, counters[idx] ?? 1));
  });
  return out;
}
