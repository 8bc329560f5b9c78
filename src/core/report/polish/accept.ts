import { type Run, runsText } from "../model.ts";
import { extractFigures, normalizeDigits } from "./figures.ts";
import { type FactRun, locateFacts, rebuildRuns } from "./locate.ts";

/** A rewrite may grow by half at most: longer means the model added content. */
export const MAX_GROWTH = 1.5;

export interface RewriteVerdict {
  accepted: boolean;
  /** Why the rewrite was refused, in Chinese; empty when accepted. */
  reasons: string[];
  /** The rewrite as checked (trimmed, on one line). */
  text: string;
  /** The rewrite as runs with the original traces, when accepted. */
  runs: Run[] | null;
}

const KIND: Record<FactRun["t"], string> = { number: "数据", name: "名称", date: "日期" };

/** Models like to wrap answers in quotes or code fences and break lines; a paragraph has none. */
export function normalizeRewrite(raw: string): string {
  let t = raw.trim();
  const fence = /^```[a-zA-Z]*\s*([\s\S]*?)\s*```$/.exec(t);
  if (fence?.[1] !== undefined) t = fence[1].trim();
  const pairs: [string, string][] = [
    ["“", "”"],
    ['"', '"'],
    ["「", "」"],
  ];
  for (const [open, close] of pairs) {
    const inner = t.slice(open.length, -close.length);
    if (
      t.length >= open.length + close.length &&
      t.startsWith(open) &&
      t.endsWith(close) &&
      !inner.includes(open)
    ) {
      t = inner.trim();
    }
  }
  return t.replace(/\s*[\r\n]+\s*/g, "");
}

const length = (s: string) => [...s].length;

/**
 * Accepts a rewrite only if it keeps every fact of the original paragraph word for word
 * (traced figures, names, dates), states no figure the original does not, and stays about
 * the original's size. Reasons are given in Chinese, one per problem.
 */
export function checkRewrite(original: readonly Run[], rewrite: string): string[] {
  const reasons: string[] = [];
  const say = (r: string) => {
    if (!reasons.includes(r)) reasons.push(r);
  };
  const text = normalizeRewrite(rewrite);
  if (text === "") return ["改写稿为空"];

  for (const run of locateFacts(original, text).missing) {
    say(`改写稿缺少${KIND[run.t]}“${run.text}”`);
  }

  const known = new Set(extractFigures(runsText(original)));
  for (const figure of extractFigures(text)) {
    if (!known.has(figure)) say(`改写稿出现了原文没有的数字“${figure}”`);
  }

  const before = length(normalizeDigits(runsText(original)));
  const after = length(text);
  if (after > before * MAX_GROWTH) {
    say(`改写稿过长（${after}字，原文${before}字，最多${Math.floor(before * MAX_GROWTH)}字）`);
  }
  return reasons;
}

/** The check and, when it passes, the rewrite rebuilt into traced runs. */
export function judgeRewrite(original: readonly Run[], rewrite: string): RewriteVerdict {
  const text = normalizeRewrite(rewrite);
  const reasons = checkRewrite(original, rewrite);
  const accepted = reasons.length === 0;
  return { accepted, reasons, text, runs: accepted ? rebuildRuns(original, text) : null };
}
