/*
 * Figures as a reader sees them in Chinese prose: Arabic numbers (with decimals, thousands
 * separators and %), and Chinese numerals followed by a measure word ("三项", "两家").
 * A lone "一" before a measure word is left out: "一批", "一次", "一个" are idiom far more
 * often than counts, and refusing every rewrite that says "进一步推动一批项目" helps nobody.
 */

const ARABIC = /\d+(?:,\d{3}(?!\d))*(?:\.\d+)?%?/g;
const CHINESE =
  /([一二三四五六七八九十两][零〇一二三四五六七八九十百千万亿两]*)[项个家件所名人次批条篇座场台套户位份元]/g;

/** Full-width digits and percent signs read the same as ASCII ones. */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/％/g, "%");
}

/** Every figure in the text, in order of appearance (repeats kept). */
export function extractFigures(text: string): string[] {
  const t = normalizeDigits(text);
  const found: { at: number; figure: string }[] = [];
  for (const m of t.matchAll(ARABIC)) found.push({ at: m.index, figure: m[0] });
  for (const m of t.matchAll(CHINESE)) {
    if (m[1] !== "一") found.push({ at: m.index, figure: m[0] });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.figure);
}
