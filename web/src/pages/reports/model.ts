/*
 * The report document as the server sends it (src/core/report/model.ts is the source of
 * truth; the web app cannot import server code, so the shapes are restated here).
 */

export interface Scope {
  regionId: number;
  regionPath: string;
  regionName: string;
  from: string;
  to: string;
}

export type Run =
  | { t: "text"; text: string }
  | { t: "number"; value: number; text: string; metric: string; scope: Scope; base?: Scope }
  | { t: "name"; text: string; ref: { entity: string; id: number | string } }
  | { t: "date"; date: string; text: string };

export interface Cell {
  runs: Run[];
  colSpan?: number;
  rowSpan?: number;
  align?: "left" | "center" | "right";
}

export type Block =
  | { type: "heading"; key: string; level: 1 | 2 | 3 | 4; runs: Run[] }
  | { type: "paragraph"; key: string; runs: Run[] }
  | {
      type: "table";
      key: string;
      caption?: Run[];
      header: Cell[][];
      body: Cell[][];
      unitNote?: string;
    }
  | {
      type: "chart";
      key: string;
      spec: string;
      title?: string;
      categories: string[];
      series: { name: string; values: Run[] }[];
    }
  | { type: "list"; key: string; ordered: boolean; items: Run[][] };

export interface ReportDocument {
  title: string;
  addressee?: string;
  blocks: Block[];
  signature?: { unit: string; date: string };
}

export const runsText = (runs: readonly Run[]) => runs.map((r) => r.text).join("");

/** Reader-visible text of a block (tables cell by cell), to tell edited blocks apart. */
export function blockText(b: Block): string {
  switch (b.type) {
    case "heading":
    case "paragraph":
      return runsText(b.runs);
    case "list":
      return b.items.map(runsText).join("\n");
    case "table":
      return [...b.header, ...b.body]
        .map((r) => r.map((c) => runsText(c.runs)).join("\t"))
        .join("\n");
    case "chart":
      return b.series.map((s) => `${s.name}:${runsText(s.values)}`).join("\n");
  }
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

function numeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : (DIGITS[tens] ?? "")}十${ones ? (DIGITS[ones] ?? "") : ""}`;
}

/** 公文 heading numbers by block index: 一、 （一） 1. （1）, deeper counters reset. */
export function headingNumbers(blocks: readonly Block[]): Map<number, string> {
  const counters = [0, 0, 0, 0];
  const out = new Map<number, string>();
  blocks.forEach((b, i) => {
    if (b.type !== "heading") return;
    const idx = b.level - 1;
    const n = (counters[idx] ?? 0) + 1;
    counters[idx] = n;
    for (let d = idx + 1; d < 4; d++) counters[d] = 0;
    out.set(i, [`${numeral(n)}、`, `（${numeral(n)}）`, `${n}.`, `（${n}）`][idx] ?? "");
  });
  return out;
}

/** A key for a block people add; never collides with generated keys (no "user." prefix there). */
export function newUserKey(): string {
  return `user.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
